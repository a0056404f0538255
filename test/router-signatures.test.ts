import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../servers/network/app';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/start-simulator';
import { startWebhookReceiver } from './support/webhook-receiver';
import { captureLogger } from './support/capture-logger';
import { tempDir, testConfig } from './support/test-config';

const SECRET = 'router-signing-secret';
const LOGIN_SPEC = {
  name: 'Router1',
  host: '127.0.0.1',
  port: 0,
  username: 'admin',
  password: 'sig-pass-123',
  enableSecret: 'x-enable',
  privilege: 15,
} as const;

/**
 * The router signs Standard Webhooks style by default: the id and the timestamp are inside the
 * signature, so a captured delivery can neither be replayed under a new id nor, after five
 * minutes, at all. End to end: simulated router → network server.
 */
describe("the router's webhook signatures, at the network server", () => {
  const dir = tempDir('hooklab-signatures-');
  const config = testConfig({ WEBHOOK_SECRET: SECRET });
  const log = captureLogger('network');
  const server = http.createServer();
  const routers: RunningSimulator[] = [];
  let network: ReturnType<typeof buildApp>;
  let url = '';

  beforeAll(async () => {
    // The router needs the server's URL, the server the router's SSH port (for the backup a
    // ConfigChange makes): listen first, start the router, then hand the server its app.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    const home = await router(url);
    network = buildApp({ config, logger: log, devices: [{ ...LOGIN_SPEC, port: home.devices[0]!.sshPort }] });
    server.on('request', network.app);
  });
  afterAll(async () => {
    for (const r of routers) await r.close();
    await new Promise((resolve) => server.close(resolve));
    await network.close();
    for (const d of [dir, config.logDir, config.backupDir, path.dirname(config.knownHostsFile)])
      fs.rmSync(d, { recursive: true, force: true });
  });

  /** A router whose events go to `to`, signed with SECRET. */
  const router = async (to: string, options: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> => {
    const sim = await startSimulator({
      devices: [{ ...LOGIN_SPEC }],
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logDir: path.join(dir, `logs-${routers.length}`),
      logLevel: 'debug',
      webhookUrl: to,
      webhookSecret: SECRET,
      webhookBaseDelayMs: 20,
      ...options,
    });
    routers.push(sim);
    return sim;
  };
  /** Sends a ConfigChange (a `conf t`/`end` is one) from the router and waits until it is answered. */
  const configChange = async (sim: RunningSimulator): Promise<void> => {
    sim.state().endConfigSession('admin', 'vty0', '127.0.0.1');
    await sim.webhooksIdle();
  };

  it('accepts a delivery signed a moment ago (auth=standard-webhooks)', async () => {
    const sim = routers[0]!;
    await configChange(sim);
    expect(sim.stats().webhooks).toMatchObject({ delivered: 1, failed: 0 });
    expect(log.of('WEBHOOK_RECEIVED').at(-1)).toMatch(/event=ConfigChange device=Router1 .*auth=standard-webhooks/);
  });

  it('refuses a delivery whose timestamp is more than 300 s old: a router clock 301 s behind is what a late replay looks like', async () => {
    const sim = await router(url, { now: () => Date.now() - 301_000 });
    await configChange(sim);
    expect(sim.stats().webhooks).toMatchObject({ delivered: 0, failed: 1 });
    expect(log.of('SECURITY').at(-1)).toMatch(/reason=stale_timestamp/);
  });

  it('a captured delivery replayed under a new id is refused; replayed as it was, it is a duplicate', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const sim = await router(receiver.url);
      await configChange(sim);
      const [captured] = await receiver.waitFor(1);
      const headers = Object.fromEntries(
        Object.entries(captured!.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>;
      const send = (extra: Record<string, string> = {}) =>
        fetch(url, { method: 'POST', headers: { ...headers, ...extra }, body: captured!.body });

      const first = await send();
      expect(first.status).toBe(200);
      const renamed = await send({
        'webhook-id': 'msg_replayed-under-a-new-id',
        'idempotency-key': 'replayed',
        'x-hooklab-delivery': 'replayed',
      });
      expect(renamed.status).toBe(401);
      expect(await renamed.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      const again = await send();
      expect(await again.json()).toMatchObject({ duplicate: true });
    } finally {
      await receiver.close();
    }
  });

  it('signs GitHub-style when DEVICE_WEBHOOK_SIGNATURE=github (auth=hub-signature-256)', async () => {
    const sim = await router(url, { webhookSignature: 'github' });
    await configChange(sim);
    expect(sim.stats().webhooks).toMatchObject({ delivered: 1 });
    expect(log.of('WEBHOOK_RECEIVED').at(-1)).toMatch(/auth=hub-signature-256/);
  });
});
