import request from '../support/route-request';
import { loadConfig } from '../../servers/lib/config/load-config';
import { githubSignature, standardWebhookSignature } from '../../common/signatures/webhook-signatures';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { networkOnRouter, ownFolders } from './hardening-kit';

/** Replays: timestamped signatures can be required, and an old event never drives a change. */

describe('replays: timestamped signatures can be required, and an old event never drives a change', () => {
  const SECRET = 'round2-secret-456';
  const TOKEN = 'round2-token-123';
  const body = JSON.stringify({
    event: 'InterfaceDown',
    device: 'Router1',
    interface: 'GigabitEthernet1',
    timestamp: '2026-01-01T10:00:00Z',
  });
  const appWith = (env: Record<string, string>) =>
    buildBasicApp({
      config: testConfig({ ...ownFolders(), WEBHOOK_SECRET: SECRET, WEBHOOK_TOKEN: TOKEN, ...env }),
      logger: captureLogger(),
    }).app;
  const replay = (app: ReturnType<typeof appWith>, delivery: string) =>
    request(app)
      .post('/events')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', githubSignature(SECRET, body))
      .set('X-GitHub-Delivery', delivery)
      .send(body);

  it('by default a captured GitHub-style delivery replays under a new delivery id (the attack)…', async () => {
    const app = appWith({});
    expect([(await replay(app, 'original-1')).status, (await replay(app, 'replayed-2')).status]).toEqual([200, 200]);
  });

  it('…and with REQUIRE_TIMESTAMPED_SIGNATURES=true it is refused, as is a bare bearer token', async () => {
    const app = appWith({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true' });
    const res = await replay(app, 'replayed-3');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/only Standard Webhooks signatures/) });
    expect(
      (await request(app).post('/events').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send(body))
        .status,
    ).toBe(401);
  });

  it('with it, a fresh Standard Webhooks signature passes, and the same one replayed later does not', async () => {
    const app = appWith({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true' });
    const key = Buffer.from(SECRET, 'utf8');
    const sign = (ts: number) => ({
      'webhook-id': `msg_${ts}`,
      'webhook-timestamp': String(ts),
      'webhook-signature': standardWebhookSignature(key, `msg_${ts}`, ts, body),
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await request(app).post('/events').set('Content-Type', 'application/json').set(sign(now)).send(body)).status).toBe(200);
    expect(
      (
        await request(app)
          .post('/events')
          .set('Content-Type', 'application/json')
          .set(sign(now - 3600))
          .send(body)
      ).status,
    ).toBe(401);
  });

  it('REQUIRE_TIMESTAMPED_SIGNATURES without WEBHOOK_SECRET stops start-up', () => {
    expect(() => loadConfig({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true', WEBHOOK_TOKEN: TOKEN })).toThrow(
      /REQUIRE_TIMESTAMPED_SIGNATURES needs WEBHOOK_SECRET/,
    );
  });
});

describe('on the network server, with a simulated router', () => {
  const TOKEN = 'round2-token-123';
  const { router, network, shut, statusOf, interfaceDown } = networkOnRouter(TOKEN);

  describe('a payload timestamp far outside EVENT_MAX_AGE_S', () => {
    afterEach(() => shut('GigabitEthernet2', false));

    it.each([
      ['from 2020', '2020-01-01T00:00:00Z'],
      ['an hour in the future', new Date(Date.now() + 3_600_000).toISOString()],
    ])('is refused 422 STALE_EVENT where it would drive a change (%s), before any SSH', async (_label, timestamp) => {
      await shut('GigabitEthernet2', true);
      const app = network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
      const before = await router().sessionsOpened();
      const res = await interfaceDown(app, { timestamp });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'STALE_EVENT',
        message: expect.stringMatching(/EVENT_MAX_AGE_S/),
        details: [{ field: 'timestamp' }],
      });
      expect(await router().sessionsOpened()).toBe(before);
      expect(await statusOf('GigabitEthernet2')).toBe('administratively down');
    });

    it('a current one drives the repair; an old one with AUTO_REMEDIATE off is still diagnosed (nothing to change)', async () => {
      await shut('GigabitEthernet2', true);
      const diagnosed = await interfaceDown(network({ WEBHOOK_TOKEN: TOKEN }), { timestamp: '2020-01-01T00:00:00Z' });
      expect(diagnosed.status).toBe(200);
      expect(diagnosed.body).toMatchObject({ verdict: 'admin_down', remediation: { attempted: false } });
      const repaired = await interfaceDown(network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true', EVENT_MAX_AGE_S: '60' }), {
        timestamp: new Date().toISOString(),
      });
      expect(repaired.body.remediation).toMatchObject({ attempted: true, verified: true });
      expect(await statusOf('GigabitEthernet2')).toBe('up');
    });
  });
});
