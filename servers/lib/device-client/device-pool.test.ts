import { DevicePool, type DevicePoolOptions } from './device-pool';
import { DeviceSession } from './device-session';
import { openDeviceSession } from './open-device-session';
import { KnownHosts } from './known-hosts';
import { startTestRouter, type TestRouter } from '../../../test/support/test-router';
import { startFaultProxy } from '../../../test/support/fault-proxy';
import type { DeviceSpec } from '../../../common/inventory/device-inventory';

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(() => router.close());

function makePool(devices: DeviceSpec[], extra: Partial<DevicePoolOptions> = {}): DevicePool {
  return new DevicePool({
    devices,
    connectTimeoutMs: 3000,
    commandTimeoutMs: 2000,
    knownHosts: new KnownHosts(router.knownHostsFile),
    ...extra,
  });
}

describe('DevicePool', () => {
  it('resolves names in any case, the default device when none is given, and refuses unknown ones with UNKNOWN_DEVICE', () => {
    const pool = makePool([router.spec, { ...router.spec, name: 'Edge2' }]);
    expect(pool.resolve().name).toBe('Router1');
    expect(pool.resolve('edge2').name).toBe('Edge2');
    expect(() => pool.resolve('Core9')).toThrow(expect.objectContaining({ code: 'UNKNOWN_DEVICE', status: 422 }));
  });

  it('on close, finishes the tasks already queued, then refuses new ones', async () => {
    const pool = makePool([router.spec]);
    const queued = [1, 2, 3].map(() => pool.run('Router1', (s) => s.sendCommand('show clock')));
    const closing = pool.close();
    await expect(pool.run('Router1', (s) => s.sendCommand('show clock'))).rejects.toMatchObject({ code: 'DEVICE_UNREACHABLE' });
    const outputs = await Promise.all(queued);
    await closing;
    expect(outputs.every((o) => /UTC/.test(o))).toBe(true);
    expect(pool.status().Router1?.connected).toBe(false);
  });

  it('runs 30 concurrent tasks on one device over one session, one at a time', async () => {
    const pool = makePool([router.spec]);
    const before = await router.sessionsOpened();
    let running = 0;
    let most = 0;
    const outputs = await Promise.all(
      Array.from({ length: 30 }, () =>
        pool.run('Router1', async (s) => {
          running += 1;
          most = Math.max(most, running);
          const out = await s.sendCommand('show clock');
          running -= 1;
          return out;
        }),
      ),
    );
    await pool.close();
    expect(outputs.every((o) => /UTC/.test(o))).toBe(true);
    expect(most).toBe(1);
    expect((await router.sessionsOpened()) - before).toBe(1);
  });

  it('works on different devices at the same time', async () => {
    const pool = makePool([router.spec, { ...router.spec, name: 'Edge2' }]);
    let running = 0;
    let most = 0;
    await Promise.all(
      ['Router1', 'Edge2', 'Router1', 'Edge2'].map((d) =>
        pool.run(d, async (s) => {
          running += 1;
          most = Math.max(most, running);
          await s.sendCommand('show version');
          running -= 1;
        }),
      ),
    );
    await pool.close();
    expect(most).toBe(2);
  });

  it('refuses work beyond the per-device queue with RATE_LIMITED and a Retry-After', async () => {
    const pool = makePool([router.spec], { maxQueuePerDevice: 2 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = pool.run('Router1', () => gate);
    const second = pool.run('Router1', async () => undefined);
    let refused: unknown;
    try {
      await pool.run('Router1', async () => undefined);
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', status: 429, headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } });
    release();
    await Promise.all([first, second]);
    await pool.close();
  });

  it('rebuilds a session the device dropped', async () => {
    const proxy = await startFaultProxy(router.spec.port);
    const pool = makePool([{ ...router.spec, port: proxy.port }]);
    await pool.run('Router1', (s) => s.sendCommand('show clock'));
    proxy.dropAll();
    while (pool.status().Router1?.connected) await new Promise((r) => setImmediate(r));
    await expect(pool.run('Router1', (s) => s.sendCommand('show clock'))).resolves.toMatch(/UTC/);
    expect(proxy.connections()).toBe(2);
    await pool.close();
    await proxy.close();
  });

  it('closes a session left idle, and reconnects on the next task', async () => {
    const opened: DeviceSession[] = [];
    const pool = makePool([router.spec], {
      idleTimeoutMs: 20,
      openSession: async (spec, o) => {
        const s = await openDeviceSession(spec, o);
        opened.push(s);
        return s;
      },
    });
    await pool.run('Router1', (s) => s.sendCommand('show clock'));
    while (opened[0]!.alive) await new Promise((r) => setTimeout(r, 5));
    await pool.run('Router1', (s) => s.sendCommand('show clock'));
    expect(opened).toHaveLength(2);
    await pool.close();
  });

  it('refuses new work once closed', async () => {
    const pool = makePool([router.spec]);
    await pool.close();
    await expect(pool.run('Router1', async () => undefined)).rejects.toMatchObject({ code: 'DEVICE_UNREACHABLE' });
  });
});
