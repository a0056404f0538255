import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import type { DeviceSpec } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { describeWithRedis, useRedisServer } from './support/redis';
import { finishedJob, getJson, postEvent, startNetworkCopy, type NetworkCopy } from './support/network-copies';
import { captureLogger, type CapturedLogger } from './support/capture-logger';
import { tempDir } from './support/test-config';

/**
 * Two copies of the network server sharing one real redis-server (REDIS_URL), each with its own
 * SSH pool, queues and lease loop, as two processes behind a load balancer would be. Events are
 * sent to one copy or the other, the way a round-robin balancer spreads them.
 */
const LOGIN = { username: 'admin', password: 'copies-pass-123', enableSecret: 'copies-enable-456' } as const;
const STORM_DEVICES = Array.from({ length: 10 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`);

describeWithRedis('two copies of the network server, one Redis', () => {
  jest.setTimeout(60_000);
  const redis = useRedisServer();
  let sim: RunningSimulator;
  let simLog: CapturedLogger;
  let devices: DeviceSpec[];
  const copies: NetworkCopy[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    simLog = captureLogger('router');
    const specs = ['Router1', ...STORM_DEVICES].map((name) => ({ name, host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15 as const }));
    sim = await startSimulator({ devices: specs, sshPort: 0, controlPort: 0, hostKeyDir: path.join(dir, 'keys'), logger: simLog });
    devices = specs.map((s, i) => ({ ...s, port: sim.devices[i]!.sshPort }));
  });
  afterEach(async () => {
    for (const copy of copies.splice(0)) await copy.close();
    const client = new Redis(redis.current().url);
    await client.flushall();
    client.disconnect();
  });
  afterAll(async () => {
    await sim?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function twoCopies(env: Record<string, string> = {}): Promise<[NetworkCopy, NetworkCopy]> {
    const a = await startNetworkCopy(redis.current().url, devices, dir, env);
    const b = await startNetworkCopy(redis.current().url, devices, dir, env);
    copies.push(a, b);
    return [a, b];
  }
  const stats = (name: string) => sim.stats().devices[name]!;
  const commandsSent = (command: string) => simLog.of('DEVICE_COMMAND').filter((l) => l.includes(`command="${command}"`)).length;

  it("recognises a redelivery on the other copy: duplicate, the first copy's event id, no new device work", async () => {
    const [a, b] = await twoCopies();
    const first = await postEvent(a.url, { event: 'NetworkDeviceCheck' }, { 'Idempotency-Key': 'delivery-shared-1' });
    expect(first.status).toBe(200);
    const commands = stats('Router1').commands;
    const again = await postEvent(b.url, { event: 'NetworkDeviceCheck' }, { 'Idempotency-Key': 'delivery-shared-1' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'duplicate', duplicate: true, id: first.body.id, in_progress: false });
    expect(stats('Router1').commands).toBe(commands);
    expect(b.log.of('WEBHOOK_PROCESSED').some((l) => l.includes('outcome=duplicate'))).toBe(true);
  });

  it('lets a failed delivery run again when it is redelivered to the other copy', async () => {
    const [a, b] = await twoCopies();
    const body = { event: 'InterfaceUp', interface: 'GigabitEthernet9' };
    const first = await postEvent(a.url, body, { 'Idempotency-Key': 'delivery-failed-1' });
    expect(first.status).toBe(422);
    const again = await postEvent(b.url, body, { 'Idempotency-Key': 'delivery-failed-1' });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({ error: { code: 'UNKNOWN_INTERFACE' } });
  });

  it('keeps one journal: GET /events on either copy lists the events both received', async () => {
    const [a, b] = await twoCopies();
    const one = await postEvent(a.url, { event: 'InterfaceUp', interface: 'Gi1' });
    const two = await postEvent(b.url, { event: 'InterfaceUp', interface: 'Gi2' });
    for (const copy of [a, b]) {
      const { body } = await getJson(`${copy.url}/events?limit=2`);
      expect((body.events as Array<{ id: string }>).map((e) => e.id)).toEqual([two.body.id, one.body.id]);
      expect((await getJson(`${copy.url}/events/${String(one.body.id)}`)).body).toMatchObject({
        id: one.body.id,
        event: 'InterfaceUp',
        outcome: 'ok',
      });
    }
    const page = await getJson(`${a.url}/events?limit=1&before=${String(two.body.id)}`);
    expect((page.body.events as Array<{ id: string }>).map((e) => e.id)).toEqual([one.body.id]);
  });

  it('answers GET /jobs/<id> from either copy, whichever ran the job', async () => {
    const [a, b] = await twoCopies();
    const accepted = await postEvent(a.url, { event: 'NetworkDeviceCheck' }, { Prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    const id = String(accepted.body.job_id);
    expect(accepted.headers.get('location')).toBe(`/jobs/${id}`);
    const fromB = await finishedJob(b.url, id);
    expect(fromB).toMatchObject({ id, status: 'succeeded', attempts: 1, result: { hostname: 'Router1' } });
    expect((await getJson(`${a.url}/jobs/${id}`)).body).toEqual(fromB);
    expect((await getJson(`${b.url}/jobs/Router1.00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await getJson(`${b.url}/jobs/no-such-job`)).status).toBe(404);
  });

  it('shows a failed job with its error code on the other copy', async () => {
    const [a, b] = await twoCopies();
    const accepted = await postEvent(a.url, { event: 'InterfaceUp', interface: 'GigabitEthernet9' }, { Prefer: 'respond-async' });
    const job = await finishedJob(b.url, String(accepted.body.job_id));
    expect(job).toMatchObject({ status: 'failed', error: { code: 'UNKNOWN_INTERFACE' } });
    const waited = await postEvent(b.url, { event: 'InterfaceUp', interface: 'GigabitEthernet9' });
    expect(waited.status).toBe(422);
    expect(waited.body).toMatchObject({ error: { code: 'UNKNOWN_INTERFACE' } });
  });

  it('shares identical work in flight across copies: one job, one diagnosis on the device', async () => {
    const [a, b] = await twoCopies({ EVENT_COALESCE_MS: '60000' });
    const before = commandsSent('show interfaces GigabitEthernet2');
    const happened = new Date().toISOString();
    const [one, two] = await Promise.all([
      postEvent(a.url, { event: 'InterfaceDown', interface: 'Gi2' }),
      postEvent(b.url, { event: 'InterfaceDown', interface: 'GigabitEthernet2' }),
    ]);
    expect(one.body.job_id).toBe(two.body.job_id);
    expect([one.body.coalesced, two.body.coalesced].sort()).toEqual([false, 'in-flight']);
    // A late copy of the same event (stamped before the job looked): answered from its result.
    const repeat = await postEvent(b.url, { event: 'InterfaceDown', interface: 'Gi2', timestamp: happened });
    expect(repeat.body).toMatchObject({ job_id: one.body.job_id, coalesced: 'recent', verdict: one.body.verdict });
    expect(commandsSent('show interfaces GigabitEthernet2') - before).toBe(1);
  });

  it('never answers a newer event from an older result on another copy (a flap, then a shutdown)', async () => {
    const [a, b] = await twoCopies({ EVENT_COALESCE_MS: '60000' });
    const before = commandsSent('show interfaces GigabitEthernet2');
    const first = await postEvent(a.url, { event: 'InterfaceDown', interface: 'Gi2' });
    const later = await postEvent(b.url, { event: 'InterfaceDown', interface: 'Gi2' });
    expect(later.body.job_id).not.toBe(first.body.job_id);
    expect(later.body.coalesced).toBe(false);
    expect(commandsSent('show interfaces GigabitEthernet2') - before).toBe(2);
  });

  it('under a storm of 200 events across 10 devices, each device sees one SSH session and one job at a time, in order', async () => {
    const [a, b] = await twoCopies();
    const before = Object.fromEntries(STORM_DEVICES.map((d) => [d, stats(d).sessions_opened]));
    const events = Array.from({ length: 200 }, (_, i) => {
      const device = STORM_DEVICES[i % STORM_DEVICES.length]!;
      return i % 2 === 0
        ? { event: 'InterfaceDown', device, interface: `GigabitEthernet${(Math.floor(i / 10) % 3) + 1}` }
        : { event: 'NetworkDeviceCheck', device };
    });
    const answers = await Promise.all(events.map((e, i) => postEvent(i % 2 === 0 ? a.url : b.url, e)));
    expect(answers.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
    expect(STORM_DEVICES.map((d) => stats(d).sessions_opened - before[d]!)).toEqual(STORM_DEVICES.map(() => 1));

    // Each device's jobs, as GET /jobs/<id> on either copy shows them: never two at once, first come first served.
    const ids = [...new Set(answers.map((r) => String(r.body.job_id)))];
    const jobs = await Promise.all(ids.map(async (id, i) => (await getJson(`${(i % 2 === 0 ? a : b).url}/jobs/${id}`)).body));
    for (const device of STORM_DEVICES) {
      const mine = jobs
        .filter((j) => String(j.id).startsWith(`${device}.`))
        .sort((x, y) => String(x.started_at).localeCompare(String(y.started_at)));
      expect(mine.length).toBeGreaterThan(0);
      for (let i = 1; i < mine.length; i += 1) {
        expect(String(mine[i]!.started_at) >= String(mine[i - 1]!.finished_at)).toBe(true);
        expect(String(mine[i]!.created_at) >= String(mine[i - 1]!.created_at)).toBe(true);
      }
    }
  });

  describe('when Redis goes down', () => {
    it('answers 503 STORE_UNAVAILABLE with Retry-After, and once Redis is back carries on without a restart', async () => {
      const [a, b] = await twoCopies();
      expect((await postEvent(a.url, { event: 'NetworkDeviceCheck' })).status).toBe(200);
      await redis.crash();
      for (const copy of [a, b]) {
        for (const headers of [{}, { 'Idempotency-Key': 'delivery-outage-1' }] as Array<Record<string, string>>) {
          const refused = await postEvent(copy.url, { event: 'NetworkDeviceCheck' }, headers);
          expect(refused.status).toBe(503);
          expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
          expect(refused.body).toMatchObject({ error: { code: 'STORE_UNAVAILABLE', details: [] }, request_id: expect.any(String) });
        }
      }
      expect(a.log.of('REDIS').some((l) => l.includes('event=lost'))).toBe(true);

      await redis.restart();
      // The copies reconnect on their own; /health says when.
      for (const copy of [a, b])
        while ((await getJson(`${copy.url}/health`)).body.redis !== 'ready') await new Promise((r) => setTimeout(r, 50));
      // The delivery refused during the outage was not lost: its retry runs now, on either copy.
      const retried = await postEvent(b.url, { event: 'NetworkDeviceCheck' }, { 'Idempotency-Key': 'delivery-outage-1' });
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ hostname: 'Router1', coalesced: false });
      expect(retried.body.duplicate).toBeUndefined();
      expect((await getJson(`${a.url}/events/${String(retried.body.id)}`)).body).toMatchObject({ id: retried.body.id, outcome: 'ok' });
    });
  });
});
