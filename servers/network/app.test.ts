import fs from 'node:fs';
import path from 'node:path';
import request from '../../test/support/route-request';
import { openDeviceSession } from '../lib/device-client/open-device-session';
import { KnownHosts } from '../lib/device-client/known-hosts';
import { ROUTER_LOGIN } from '../../test/support/test-router';
import { TOKEN, payload, useNetworkTestKit } from '../../test/support/network-test-kit';

const kit = useNetworkTestKit();
const { setup, post, stats } = kit;
const setShut = (name: string, shut: boolean) => kit.router().control(`/interfaces/${name}/${shut ? 'shutdown' : 'no-shutdown'}`, 'POST');
const interfaceOnRouter = async (name: string) =>
  (await kit.router().control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find(
    (i) => i.name === name,
  );

describe('POST /events on the network server', () => {
  describe('NetworkDeviceCheck', () => {
    it('answers a report from the router: hostname, version, model, uptime, interfaces and counts', async () => {
      const { app } = setup();
      const res = await post(app, payload('network_device_check.json'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        event: 'NetworkDeviceCheck',
        device: 'Router1',
        hostname: 'Router1',
        version: '17.09.04a',
        model: 'C8000V',
        uptime: expect.stringMatching(/minute/),
        serial: expect.any(String),
        coalesced: false,
      });
      expect(res.body.interfaces).toContainEqual({ name: 'GigabitEthernet1', ip: expect.any(String), status: 'up', protocol: 'up' });
      expect(res.body.counts.up + res.body.counts.down).toBe(res.body.interfaces.length);
    });

    it('reaches a device of DEVICE_INVENTORY, whose password comes from the env variable it names', async () => {
      const router = kit.router();
      const file = path.join(router.dir, 'inventory.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          devices: [
            {
              name: 'Edge2',
              host: '127.0.0.1',
              port: router.spec.port,
              password_env: 'EDGE2_PASSWORD',
              enable_secret_env: 'EDGE2_ENABLE',
              privilege: 1,
            },
          ],
        }),
      );
      const { app } = setup(
        {
          DEVICE_INVENTORY: file,
          DEVICE_PORT: String(router.spec.port),
          DEVICE_PASSWORD: ROUTER_LOGIN.password,
          DEVICE_ENABLE_SECRET: ROUTER_LOGIN.enableSecret,
        },
        { devices: undefined, env: { EDGE2_PASSWORD: ROUTER_LOGIN.password, EDGE2_ENABLE: ROUTER_LOGIN.enableSecret } },
      );
      const edge = await post(app, { event: 'NetworkDeviceCheck', device: 'edge2' });
      expect(edge.status).toBe(200);
      expect(edge.body).toMatchObject({ device: 'Edge2', hostname: 'Router1' });
      expect((await post(app, { event: 'NetworkDeviceCheck' })).body.device).toBe('Router1');
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
        const { app, log } = setup({ WEBHOOK_TOKEN: TOKEN });
        const res = await post(app, payload('interface_down.json'), TOKEN);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          event: 'InterfaceDown',
          device: 'Router1',
          interface: 'GigabitEthernet1',
          verdict: 'admin_down',
          status: 'administratively down',
          protocol: 'down',
          summary: expect.stringMatching(/administratively down/),
          details: {
            ip: expect.any(String),
            counters: expect.objectContaining({ packets_in: expect.any(Number) }),
            last_input: expect.any(String),
          },
          remediation: { attempted: false, reason: expect.stringMatching(/AUTO_REMEDIATE is off/) },
        });
        expect(res.body.recent_logs.at(-1)).toMatch(
          /%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down/,
        );
        expect((await interfaceOnRouter('GigabitEthernet1'))?.status).toBe('administratively down');
        // Where the outcome shows when the router, not curl, sent the event: the log and the journal.
        expect(log.of('WEBHOOK_PROCESSED')).toEqual([
          expect.stringMatching(
            /^WEBHOOK_PROCESSED event=InterfaceDown outcome=ok status=200 verdict=admin_down remediation=skipped remediation_reason="AUTO_REMEDIATE is off: diagnostics only\." id=/,
          ),
        ]);
        const entry = await request(app).get(`/events/${res.body.id}`).set('Authorization', `Bearer ${TOKEN}`);
        expect(entry.body.result).toEqual({
          verdict: 'admin_down',
          remediation: 'skipped',
          remediation_reason: 'AUTO_REMEDIATE is off: diagnostics only.',
        });
      });

      it('with AUTO_REMEDIATE on and an authenticated sender: sends "no shutdown", verifies, reports before and after', async () => {
        const { app, log } = setup({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
        // A current timestamp: one that may change a device must be within EVENT_MAX_AGE_S.
        const res = await post(app, { ...payload('interface_down.json'), timestamp: new Date().toISOString() }, TOKEN);
        expect(res.status).toBe(200);
        expect(res.body.remediation).toEqual({
          attempted: true,
          sent: ['interface GigabitEthernet1', 'no shutdown'],
          before: { status: 'administratively down', protocol: 'down' },
          after: { status: 'up', protocol: 'up' },
          verified: true,
          confirmed_by: 'device_log', // the router's own log shows the shutdown a moment ago
        });
        expect((await interfaceOnRouter('GigabitEthernet1'))?.status).toBe('up');
        expect(log.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'))).toBe(true);
        expect(log.of('WEBHOOK_PROCESSED')).toEqual([expect.stringMatching(/ status=200 verdict=admin_down remediation=repaired id=/)]);
        const entry = await request(app).get(`/events/${res.body.id}`).set('Authorization', `Bearer ${TOKEN}`);
        expect(entry.body.result).toEqual({ verdict: 'admin_down', remediation: 'repaired' });
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
      kit.router().sim.state().setLink('GigabitEthernet3', false);
      try {
        const { app, log } = setup({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
        const res = await post(app, { event: 'InterfaceDown', interface: 'Gi3' }, TOKEN);
        expect(res.body).toMatchObject({ interface: 'GigabitEthernet3', verdict: 'link_down', remediation: { attempted: false } });
        expect(log.of('WEBHOOK_PROCESSED')).toEqual([
          expect.stringMatching(/ verdict=link_down remediation=skipped remediation_reason="GigabitEthernet3 is not administratively down/),
        ]);
      } finally {
        kit.router().sim.state().setLink('GigabitEthernet3', true);
      }
    });
  });

  describe('for an interface the device does not have', () => {
    it('answers 422 UNKNOWN_INTERFACE (the sender should not retry), and the next event works', async () => {
      const { app } = setup();
      const res = await post(app, { event: 'InterfaceDown', interface: 'GigabitEthernet9' });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'UNKNOWN_INTERFACE', message: 'Router1 has no interface GigabitEthernet9.' });
      expect((await post(app, { event: 'InterfaceDown', interface: 'Gi1' })).status).toBe(200);
    });
  });

  describe('InterfaceUp', () => {
    it('is acknowledged with the current state of the interface', async () => {
      const { app, log } = setup();
      const res = await post(app, { event: 'InterfaceUp', device: 'Router1', interface: 'GigabitEthernet2' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        event: 'InterfaceUp',
        acknowledged: true,
        interface: 'GigabitEthernet2',
        verdict: 'up',
        status: 'up',
        protocol: 'up',
      });
      expect(log.of('WEBHOOK_PROCESSED')).toEqual([expect.stringMatching(/ status=200 verdict=up id=/)]);
    });
  });

  describe('ConfigChange', () => {
    it('backs up the running config, then answers the diff of a change made over SSH', async () => {
      const { app } = setup();
      const first = await post(app, payload('config_change.json'));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ event: 'ConfigChange', device: 'Router1', previous: null, diff: null, bytes: expect.any(Number) });
      expect(fs.readFileSync(first.body.backup, 'utf8')).toMatch(/^hostname Router1$/m);

      const admin = await openDeviceSession(kit.router().spec, {
        connectTimeoutMs: 3000,
        commandTimeoutMs: 2000,
        knownHosts: new KnownHosts(kit.router().knownHostsFile),
      });
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
    expect(res.body).toMatchObject({
      status: 'ignored',
      supported: ['NetworkDeviceCheck', 'InterfaceDown', 'InterfaceUp', 'ConfigChange'],
    });
  });
});

describe('the log of every test above', () => {
  it('has DEVICE_CONNECT and DEVICE_COMMAND lines, and never the device password or enable secret', () => {
    const lines = kit.loggers.flatMap((l) => l.lines);
    expect(lines.some((l) => l.startsWith('DEVICE_CONNECT '))).toBe(true);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${ROUTER_LOGIN.password}|${ROUTER_LOGIN.enableSecret}`));
  });
});
