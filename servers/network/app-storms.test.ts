import request from '../../test/support/route-request';
import { DevicePool } from '../lib/device-client/device-pool';
import { KnownHosts } from '../lib/device-client/known-hosts';
import { payload, TOKEN, useNetworkTestKit } from '../../test/support/network-test-kit';

const kit = useNetworkTestKit();
const { setup, post, stats } = kit;

/** Polls GET /jobs/:id until the job is no longer running. */
async function finishedJob(app: Parameters<typeof request>[0], location: string): Promise<Record<string, unknown>> {
  let job = (await request(app).get(location)).body as Record<string, unknown>;
  while (job.status === 'running') job = (await request(app).get(location)).body as Record<string, unknown>;
  return job;
}

describe('storms and slow work', () => {
  it('answers 30 concurrent checks over one SSH session', async () => {
    const { app } = setup();
    const before = await stats();
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(app, payload('network_device_check.json'))));
    expect(answers.map((r) => r.status)).toEqual(Array(30).fill(200));
    expect(answers.every((r) => r.body.hostname === 'Router1')).toBe(true);
    expect((await stats()).sessions_opened - before.sessions_opened).toBe(1);
  });

  it('lets identical InterfaceDowns in flight share one job, and answers a repeat within EVENT_COALESCE_MS from its result', async () => {
    const { app } = setup({ EVENT_COALESCE_MS: '60000' });
    const [a, b] = await Promise.all([post(app, payload('interface_down.json')), post(app, payload('interface_down_eem.json'))]);
    expect(a.body.job_id).toBe(b.body.job_id);
    expect([a.body.coalesced, b.body.coalesced].sort()).toEqual([false, 'in-flight']);
    const commands = (await stats()).commands;
    const repeat = await post(app, payload('interface_down.json'));
    expect(repeat.body).toMatchObject({ job_id: a.body.job_id, coalesced: 'recent', verdict: a.body.verdict });
    expect((await stats()).commands).toBe(commands);
  });

  it('does the work again once EVENT_COALESCE_MS has passed (0: every time)', async () => {
    const { app } = setup({ EVENT_COALESCE_MS: '0' });
    const a = await post(app, payload('interface_down.json'));
    const b = await post(app, payload('interface_down.json'));
    expect(b.body.job_id).not.toBe(a.body.job_id);
  });

  it('never answers a ConfigChange from an earlier result', async () => {
    const { app } = setup({ EVENT_COALESCE_MS: '60000' });
    const a = await post(app, payload('config_change.json'));
    const b = await post(app, payload('config_change.json'));
    expect(b.body).toMatchObject({ coalesced: false, previous: a.body.backup });
  });

  it('answers 429 with Retry-After when the device queue is full', async () => {
    const pool = new DevicePool({
      devices: [kit.router().spec],
      connectTimeoutMs: 3000,
      commandTimeoutMs: 2000,
      knownHosts: new KnownHosts(kit.router().knownHostsFile),
      maxQueuePerDevice: 2,
    });
    try {
      const { app } = setup({}, { pool });
      const answers = await Promise.all(['Gi1', 'Gi2', 'Gi3', 'Loopback0'].map((i) => post(app, { event: 'InterfaceUp', interface: i })));
      const refused = answers.filter((r) => r.status === 429);
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]!.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused[0]!.body.error.code).toBe('RATE_LIMITED');
    } finally {
      await pool.close();
    }
  });

  it('a redelivered event (same Idempotency-Key) does not touch the device again', async () => {
    const { app } = setup();
    const first = await post(app, payload('network_device_check.json')).set('Idempotency-Key', 'delivery-7');
    const before = (await kit.stats()).commands;
    const again = await post(app, payload('network_device_check.json')).set('Idempotency-Key', 'delivery-7');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, id: first.body.id });
    expect((await kit.stats()).commands).toBe(before);
  });

  describe('with Prefer: respond-async', () => {
    it('answers 202 with a job to poll at GET /jobs/:id', async () => {
      const { app } = setup();
      const res = await post(app, payload('network_device_check.json')).set('Prefer', 'respond-async');
      expect(res.status).toBe(202);
      expect(res.headers['preference-applied']).toBe('respond-async');
      expect(res.headers.location).toBe(`/jobs/${res.body.job_id}`);
      expect(res.body).toMatchObject({ status: 'accepted', location: res.headers.location });
      const job = await finishedJob(app, String(res.headers.location));
      expect(job).toMatchObject({ id: res.body.job_id, status: 'succeeded', result: { hostname: 'Router1' } });
    });

    it('shows a failed job with its error', async () => {
      const { app } = setup({}, { devices: [{ ...kit.router().spec, password: 'wrong-pass-789' }] });
      const res = await post(app, payload('network_device_check.json')).set('Prefer', 'respond-async');
      const job = await finishedJob(app, String(res.headers.location));
      expect(job).toMatchObject({ status: 'failed', error: { code: 'DEVICE_AUTH_FAILED' } });
    });

    it('with WEBHOOK_TOKEN set, shows a job only to a client with the token', async () => {
      const { app } = setup({ WEBHOOK_TOKEN: TOKEN });
      const res = await post(app, payload('network_device_check.json'), TOKEN).set('Prefer', 'respond-async');
      const location = String(res.headers.location);
      expect((await request(app).get(location)).status).toBe(401);
      expect((await request(app).get(location).set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
    });

    it('answers 404 for a job it does not know', async () => {
      const { app } = setup();
      const res = await request(app).get('/jobs/00000000-0000-0000-0000-000000000000');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });
  });
});
