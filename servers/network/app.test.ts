import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { utils } from 'ssh2';
import { buildApp, type NetworkDeps } from './app';
import { webhookAppInfo } from '../lib/create-webhook-app';
import { DevicePool } from '../lib/device-client/device-pool';
import { DeviceSession } from '../lib/device-client/device-session';
import { KnownHosts, hostPattern } from '../lib/device-client/known-hosts';
import { testConfig } from '../../test/support/test-config';
import { captureLogger, type CapturedLogger } from '../../test/support/capture-logger';
import { startTestRouter, ROUTER_LOGIN, type TestRouter } from '../../test/support/test-router';
import { startFaultProxy } from '../../test/support/fault-proxy';

const TOKEN = 'network-test-token';
const payload = (name: string): object => JSON.parse(fs.readFileSync(path.join(__dirname, '../../payloads', name), 'utf8'));

let router: TestRouter;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(() => router.close());

const built: Express[] = [];
const loggers: CapturedLogger[] = [];
afterEach(async () => {
  for (const app of built.splice(0)) for (const hook of webhookAppInfo(app).onClose) await hook();
});

function setup(env: Record<string, string> = {}, deps: Partial<NetworkDeps> = {}): { app: Express; log: CapturedLogger } {
  const log = captureLogger('network');
  loggers.push(log);
  const config = testConfig({ DEVICE_CONNECT_TIMEOUT_MS: '3000', DEVICE_COMMAND_TIMEOUT_MS: '2000', ...env });
  const app = buildApp({ config, logger: log, devices: [router.spec], remediate: { checkEveryMs: 10 }, ...deps });
  built.push(app);
  return { app, log };
}

const post = (app: Express, body: object, token?: string) => {
  const req = request(app).post('/events').send(body);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
};
const stats = () => router.control<{ sessions_opened: number; commands: number }>('/stats');
const setShut = (name: string, shut: boolean) => router.control(`/interfaces/${name}/${shut ? 'shutdown' : 'no-shutdown'}`, 'POST');
const interfaceOnRouter = async (name: string) =>
  (await router.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find((i) => i.name === name);

describe('POST /events on the network server', () => {
  describe('NetworkDeviceCheck', () => {
    it('answers a report from the router: hostname, version, model, uptime, interfaces and counts', async () => {
      const { app } = setup();
      const res = await post(app, payload('network_device_check.json'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        event: 'NetworkDeviceCheck', device: 'Router1', hostname: 'Router1', version: '17.09.04a', model: 'C8000V',
        uptime: expect.stringMatching(/minute/), serial: expect.any(String), coalesced: false,
      });
      expect(res.body.interfaces).toContainEqual({ name: 'GigabitEthernet1', ip: expect.any(String), status: 'up', protocol: 'up' });
      expect(res.body.counts.up + res.body.counts.down).toBe(res.body.interfaces.length);
    });

    it('accepts the DeviceCheck alias', async () => {
      const { app } = setup();
      const res = await post(app, { event: 'DeviceCheck' });
      expect(res.status).toBe(200);
      expect(res.body.hostname).toBe('Router1');
    });
  });

  describe('InterfaceDown', () => {
    describe('on an administratively down interface', () => {
      afterEach(() => setShut('GigabitEthernet1', false));
      beforeEach(() => setShut('GigabitEthernet1', true));

      it('diagnoses it, with its log lines, and leaves it alone while AUTO_REMEDIATE is off', async () => {
        const { app } = setup({ WEBHOOK_TOKEN: TOKEN });
        const res = await post(app, payload('interface_down.json'), TOKEN);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1', verdict: 'admin_down',
          status: 'administratively down', protocol: 'down', summary: expect.stringMatching(/administratively down/),
          details: { ip: expect.any(String), counters: expect.objectContaining({ packets_in: expect.any(Number) }), last_input: expect.any(String) },
          remediation: { attempted: false, reason: expect.stringMatching(/AUTO_REMEDIATE is off/) },
        });
        expect(res.body.recent_logs.at(-1)).toMatch(/%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down/);
        expect((await interfaceOnRouter('GigabitEthernet1'))?.status).toBe('administratively down');
      });

      it('with AUTO_REMEDIATE on and an authenticated sender: sends "no shutdown", verifies, reports before and after', async () => {
        const { app, log } = setup({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
        const res = await post(app, payload('interface_down.json'), TOKEN);
        expect(res.status).toBe(200);
        expect(res.body.remediation).toEqual({
          attempted: true, sent: ['interface GigabitEthernet1', 'no shutdown'],
          before: { status: 'administratively down', protocol: 'down' }, after: { status: 'up', protocol: 'up' }, verified: true,
        });
        expect((await interfaceOnRouter('GigabitEthernet1'))?.status).toBe('up');
        expect(log.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'))).toBe(true);
      });

      it('with AUTO_REMEDIATE on but the server running open: diagnoses only and says why', async () => {
        const { app } = setup({ AUTO_REMEDIATE: 'true' });
        const res = await post(app, payload('interface_down.json'));
        expect(res.status).toBe(200);
        expect(res.body.remediation).toEqual({ attempted: false, reason: expect.stringMatching(/runs open/) });
        expect((await interfaceOnRouter('GigabitEthernet1'))?.status).toBe('administratively down');
      });

      it("uses the default device for the lab's EEM payload, which names no device", async () => {
        const { app } = setup();
        const res = await post(app, payload('interface_down_eem.json'));
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ device: 'Router1', interface: 'GigabitEthernet1', verdict: 'admin_down' });
      });
    });

    it('says link_down for an interface without carrier, and does not try "no shutdown"', async () => {
      router.sim.state().setLink('GigabitEthernet3', false);
      try {
        const { app } = setup({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
        const res = await post(app, { event: 'InterfaceDown', interface: 'Gi3' }, TOKEN);
        expect(res.body).toMatchObject({ interface: 'GigabitEthernet3', verdict: 'link_down', remediation: { attempted: false } });
      } finally {
        router.sim.state().setLink('GigabitEthernet3', true);
      }
    });
  });

  describe('InterfaceUp', () => {
    it('is acknowledged with the current state of the interface', async () => {
      const { app } = setup();
      const res = await post(app, { event: 'InterfaceUp', device: 'Router1', interface: 'GigabitEthernet2' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ event: 'InterfaceUp', acknowledged: true, interface: 'GigabitEthernet2', verdict: 'up', status: 'up', protocol: 'up' });
    });
  });

  describe('ConfigChange', () => {
    it('backs up the running config, then answers the diff of a change made over SSH', async () => {
      const { app } = setup();
      const first = await post(app, payload('config_change.json'));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ event: 'ConfigChange', device: 'Router1', previous: null, diff: null, bytes: expect.any(Number) });
      expect(fs.readFileSync(first.body.backup, 'utf8')).toMatch(/^hostname Router1$/m);

      const admin = await DeviceSession.open(router.spec, { connectTimeoutMs: 3000, commandTimeoutMs: 2000, knownHosts: new KnownHosts(router.knownHostsFile) });
      await admin.sendConfig(['interface Loopback0', 'description changed-by-a-test']);
      await admin.close();

      const second = await post(app, payload('config_change.json'));
      expect(second.body).toMatchObject({ previous: first.body.backup, changed: true, lines_added: expect.any(Number), coalesced: false });
      expect(second.body.diff).toMatch(/^\+ description changed-by-a-test$/m);
    });
  });

  describe('payloads that try to reach the CLI', () => {
    it.each([
      ['a command after a semicolon', { event: 'InterfaceDown', interface: 'Gi1; reload' }],
      ['a second line', { event: 'InterfaceDown', interface: 'GigabitEthernet1\nreload' }],
      ['a pipe', { event: 'InterfaceDown', interface: 'Gi1 | include secret' }],
      ['a space', { event: 'InterfaceDown', interface: 'Gi 1' }],
      ['an unknown interface type', { event: 'InterfaceUp', interface: 'Reload1' }],
      ['a carriage return', { event: 'InterfaceDown', interface: 'Gi1\rconfigure terminal' }],
      ['a device name with a command', { event: 'NetworkDeviceCheck', device: 'Router1;reload' }],
      ['a device name with a newline', { event: 'ConfigChange', device: 'Router1\nreload' }],
      ['a device name with a command on an interface event', { event: 'InterfaceDown', device: 'R1 && reload', interface: 'Gi1' }],
      ['a non-string interface', { event: 'InterfaceDown', interface: ['Gi1'] }],
      ['a missing interface', { event: 'InterfaceDown' }],
    ])('refuses %s with 422 before any SSH session is opened', async (_what, body) => {
      const { app } = setup();
      const before = await stats();
      const res = await post(app, body);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((await stats()).sessions_opened).toBe(before.sessions_opened);
    });

    it('refuses a device not in the inventory with 422 UNKNOWN_DEVICE and opens no session', async () => {
      const { app } = setup();
      const before = await stats();
      const res = await post(app, { event: 'NetworkDeviceCheck', device: 'Core9' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'UNKNOWN_DEVICE', message: expect.stringMatching(/Core9/) });
      expect((await stats()).sessions_opened).toBe(before.sessions_opened);
    });
  });

  it('ignores events it does not handle, like the other servers', async () => {
    const { app } = setup();
    const res = await post(app, { event: 'JokeRequest' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ignored', supported: ['NetworkDeviceCheck', 'InterfaceDown', 'InterfaceUp', 'ConfigChange'] });
  });
});

describe('when the device fails', () => {
  async function closedPort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return port;
  }

  it('answers 502 DEVICE_UNREACHABLE naming the device when nothing listens', async () => {
    const { app } = setup({}, { devices: [{ ...router.spec, port: await closedPort() }] });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'DEVICE_UNREACHABLE', message: expect.stringMatching(/^Router1 \(127\.0\.0\.1:\d+\) is unreachable: connection refused/) });
  });

  it('answers 502 DEVICE_AUTH_FAILED for a wrong password, never showing it', async () => {
    const { app, log } = setup({}, { devices: [{ ...router.spec, password: 'wrong-pass-789' }] });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('DEVICE_AUTH_FAILED');
    expect(JSON.stringify(res.body) + log.lines.join('\n')).not.toMatch(/wrong-pass-789|lab-pass-123|lab-enable-456/);
  });

  it('answers 502 DEVICE_HOST_KEY_CHANGED when the router presents another key', async () => {
    const { public: other } = utils.generateKeyPairSync('ed25519');
    const file = path.join(router.dir, 'app_changed_known_hosts');
    fs.writeFileSync(file, `${hostPattern('127.0.0.1', router.spec.port)} ${other.trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
    const { app } = setup({ KNOWN_HOSTS_FILE: file });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('DEVICE_HOST_KEY_CHANGED');
  });

  it('answers 504 DEVICE_TIMEOUT when the router stalls mid-output, and the next event works on a new session', async () => {
    const proxy = await startFaultProxy(router.spec.port);
    try {
      const { app } = setup({ DEVICE_COMMAND_TIMEOUT_MS: '300' }, { devices: [{ ...router.spec, port: proxy.port }] });
      expect((await post(app, payload('network_device_check.json'))).status).toBe(200);
      proxy.stall();
      const stalled = await post(app, payload('config_change.json'));
      expect(stalled.status).toBe(504);
      expect(stalled.body.error).toMatchObject({ code: 'DEVICE_TIMEOUT', message: expect.stringMatching(/^Router1 did not finish answering "show running-config"/) });
      proxy.heal();
      const next = await post(app, payload('config_change.json'));
      expect(next.status).toBe(200);
      expect(proxy.connections()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('rebuilds the session after the router dropped it', async () => {
    const proxy = await startFaultProxy(router.spec.port);
    const pool = new DevicePool({ devices: [{ ...router.spec, port: proxy.port }], connectTimeoutMs: 3000, commandTimeoutMs: 2000, knownHosts: new KnownHosts(router.knownHostsFile) });
    try {
      const { app } = setup({}, { pool });
      expect((await post(app, payload('network_device_check.json'))).status).toBe(200);
      proxy.dropAll();
      while (pool.status().Router1?.connected) await new Promise((r) => setImmediate(r));
      const res = await post(app, { event: 'InterfaceUp', interface: 'Gi2' });
      expect(res.status).toBe(200);
      expect(proxy.connections()).toBe(2);
    } finally {
      await pool.close();
      await proxy.close();
    }
  });
});

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
    const pool = new DevicePool({ devices: [router.spec], connectTimeoutMs: 3000, commandTimeoutMs: 2000, knownHosts: new KnownHosts(router.knownHostsFile), maxQueuePerDevice: 2 });
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

  describe('with Prefer: respond-async', () => {
    it('answers 202 with a job to poll at GET /jobs/:id', async () => {
      const { app } = setup();
      const res = await post(app, payload('network_device_check.json')).set('Prefer', 'respond-async');
      expect(res.status).toBe(202);
      expect(res.headers['preference-applied']).toBe('respond-async');
      expect(res.headers.location).toBe(`/jobs/${res.body.job_id}`);
      expect(res.body).toMatchObject({ status: 'accepted', location: res.headers.location });
      let job = (await request(app).get(res.headers.location)).body;
      while (job.status === 'running') job = (await request(app).get(res.headers.location)).body;
      expect(job).toMatchObject({ id: res.body.job_id, status: 'succeeded', result: { hostname: 'Router1' } });
    });

    it('shows a failed job with its error', async () => {
      const { app } = setup({}, { devices: [{ ...router.spec, password: 'wrong-pass-789' }] });
      const res = await post(app, payload('network_device_check.json')).set('Prefer', 'respond-async');
      let job = (await request(app).get(res.headers.location)).body;
      while (job.status === 'running') job = (await request(app).get(res.headers.location)).body;
      expect(job).toMatchObject({ status: 'failed', error: { code: 'DEVICE_AUTH_FAILED' } });
    });

    it('answers 404 for a job it does not know', async () => {
      const { app } = setup();
      const res = await request(app).get('/jobs/00000000-0000-0000-0000-000000000000');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    });
  });
});

describe('the log of every test above', () => {
  it('has DEVICE_CONNECT and DEVICE_COMMAND lines, and never the device password or enable secret', () => {
    const lines = loggers.flatMap((l) => l.lines);
    expect(lines.some((l) => l.startsWith('DEVICE_CONNECT '))).toBe(true);
    expect(lines.some((l) => l.startsWith('DEVICE_ERROR '))).toBe(true);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${ROUTER_LOGIN.password}|${ROUTER_LOGIN.enableSecret}`));
  });
});
