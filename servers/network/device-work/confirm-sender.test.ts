import fs from 'node:fs';
import path from 'node:path';
import request from '../../../test/support/route-request';
import { buildApp } from '../app';
import type { WebhookApp } from '../../lib/pipeline/create-webhook-app';
import { standardWebhookKey, standardWebhookSignature } from '../../../common/signatures/webhook-signatures';
import { testConfig } from '../../../test/support/test-config';
import { captureLogger, type CapturedLogger } from '../../../test/support/capture-logger';
import { startTestRouter, type TestRouter } from '../../../test/support/test-router';

const TOKEN = 'confirm-sender-token';
const ROUTER1_SECRET = 'router1-own-webhook-secret';

/**
 * `no shutdown` on the device an InterfaceDown names only when that device stands behind the
 * event: its own signature, or its own log showing the shutdown within the last 300 s of its
 * clock. The router's clock is the test's to move.
 */
describe('InterfaceDown remediation and the device it names', () => {
  let router: TestRouter;
  let clock = Date.now();
  let network: WebhookApp;
  let log: CapturedLogger;
  // No coalescing: every event here must be judged on its own.
  const config = testConfig({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true', EVENT_COALESCE_MS: '0' });

  beforeAll(async () => {
    router = await startTestRouter({ now: () => clock });
    log = captureLogger('network');
    network = buildApp({
      config,
      logger: log,
      devices: [{ ...router.spec, webhookSecret: ROUTER1_SECRET }],
      remediate: { checkEveryMs: 10 },
    });
  });
  afterAll(async () => {
    await network.close();
    await router.close();
    for (const dir of [router.dir, config.logDir, config.backupDir, path.dirname(config.knownHostsFile)])
      fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    clock += 10_000;
  });

  const shut = (name: string) => router.control(`/interfaces/${name}/shutdown`, 'POST');
  const status = (name: string) => router.sim.state().findInterface(name)?.shutdown;
  /** The event as the router sends it; `key` adds a Standard Webhooks signature with that secret. */
  const post = (iface: string, key?: string, timestamp = Math.floor(Date.now() / 1000)) => {
    const body = JSON.stringify({ event: 'InterfaceDown', device: 'Router1', interface: iface });
    const req = request(network.app).post('/events').set('Content-Type', 'application/json').set('Authorization', `Bearer ${TOKEN}`);
    if (key) {
      const id = `msg_${iface}_${clock}`;
      req
        .set('webhook-id', id)
        .set('webhook-timestamp', String(timestamp))
        .set('webhook-signature', standardWebhookSignature(standardWebhookKey(key), id, timestamp, body));
    }
    return req.send(body);
  };

  it("repairs when the event carries the device's own signature, however old the shutdown", async () => {
    await shut('GigabitEthernet1');
    clock += 3_600_000;
    const res = await post('GigabitEthernet1', ROUTER1_SECRET);
    expect(res.body.remediation).toMatchObject({ attempted: true, verified: true, confirmed_by: 'device_signature' });
    expect(status('GigabitEthernet1')).toBe(false);
  });

  it("repairs when the device's own log shows the shutdown moments ago (no device signature)", async () => {
    await shut('GigabitEthernet2');
    clock += 5_000;
    const res = await post('GigabitEthernet2');
    expect(res.body.remediation).toMatchObject({ attempted: true, verified: true, confirmed_by: 'device_log' });
    expect(status('GigabitEthernet2')).toBe(false);
  });

  describe('neither signature nor a recent log line', () => {
    afterEach(() => router.control('/interfaces/GigabitEthernet3/no-shutdown', 'POST'));

    it('diagnoses only, says why, and logs SECURITY when the shutdown is older than 300 s by the device clock', async () => {
      await shut('GigabitEthernet3');
      clock += 301_000;
      const res = await post('GigabitEthernet3');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verdict: 'admin_down',
        recent_logs: expect.arrayContaining([expect.stringMatching(/administratively down/)]),
      });
      expect(res.body.remediation).toEqual({
        attempted: false,
        reason: expect.stringMatching(/^Router1 did not confirm this event: .*own webhook secret.*last 300 s/),
      });
      expect(status('GigabitEthernet3')).toBe(true);
      expect(log.of('SECURITY').at(-1)).toMatch(/SECURITY event=device_not_confirmed device=Router1 interface=GigabitEthernet3 source=/);
    });

    it("takes a signature made with another device's secret as no proof", async () => {
      await shut('GigabitEthernet3');
      clock += 301_000;
      const res = await post('GigabitEthernet3', 'router2-own-webhook-secret');
      expect(res.body).toMatchObject({ coalesced: false, remediation: { attempted: false } });
      expect(status('GigabitEthernet3')).toBe(true);
    });

    it("takes the device's own signature replayed after the 300 s window as no proof", async () => {
      await shut('GigabitEthernet3');
      clock += 301_000;
      const res = await post('GigabitEthernet3', ROUTER1_SECRET, Math.floor(Date.now() / 1000) - 301);
      expect(res.body).toMatchObject({ coalesced: false, remediation: { attempted: false } });
      expect(status('GigabitEthernet3')).toBe(true);
    });
  });
});
