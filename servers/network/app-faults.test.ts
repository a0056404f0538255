import fs from 'node:fs';
import path from 'node:path';
import { utils } from 'ssh2';
import { freePort as closedPort } from '../../lab/free-port';
import { DevicePool } from '../lib/device-client/device-pool';
import { KnownHosts, hostPattern } from '../lib/device-client/known-hosts';
import { startFaultProxy } from '../../test/support/fault-proxy';
import { ROUTER_LOGIN } from '../../test/support/test-router';
import { payload, useNetworkTestKit } from '../../test/support/network-test-kit';

const kit = useNetworkTestKit();
const { setup, post } = kit;

describe('when the device fails', () => {
  it('answers 502 DEVICE_UNREACHABLE naming the device when nothing listens', async () => {
    const { app } = setup({}, { devices: [{ ...kit.router().spec, port: await closedPort() }] });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      code: 'DEVICE_UNREACHABLE',
      message: expect.stringMatching(/^Router1 \(127\.0\.0\.1:\d+\) is unreachable: connection refused/),
    });
  });

  it('answers 502 DEVICE_AUTH_FAILED for a wrong password, never showing it', async () => {
    const { app, log } = setup({}, { devices: [{ ...kit.router().spec, password: 'wrong-pass-789' }] });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('DEVICE_AUTH_FAILED');
    expect(JSON.stringify(res.body) + log.lines.join('\n')).not.toMatch(/wrong-pass-789|lab-pass-123|lab-enable-456/);
  });

  it('answers 502 DEVICE_HOST_KEY_CHANGED when the router presents another key', async () => {
    const { public: other } = utils.generateKeyPairSync('ed25519');
    const file = path.join(kit.router().dir, 'app_changed_known_hosts');
    fs.writeFileSync(file, `${hostPattern('127.0.0.1', kit.router().spec.port)} ${other.trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
    const { app } = setup({ KNOWN_HOSTS_FILE: file });
    const res = await post(app, payload('network_device_check.json'));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('DEVICE_HOST_KEY_CHANGED');
  });

  it('answers 504 DEVICE_TIMEOUT when the router stalls mid-output, and the next event works on a new session', async () => {
    const proxy = await startFaultProxy(kit.router().spec.port);
    try {
      const { app } = setup({ DEVICE_COMMAND_TIMEOUT_MS: '300' }, { devices: [{ ...kit.router().spec, port: proxy.port }] });
      expect((await post(app, payload('network_device_check.json'))).status).toBe(200);
      proxy.stall();
      const stalled = await post(app, payload('config_change.json'));
      expect(stalled.status).toBe(504);
      expect(stalled.body.error).toMatchObject({
        code: 'DEVICE_TIMEOUT',
        message: expect.stringMatching(/^Router1 did not finish answering "show running-config"/),
      });
      proxy.heal();
      const next = await post(app, payload('config_change.json'));
      expect(next.status).toBe(200);
      expect(proxy.connections()).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('rebuilds the session after the router dropped it', async () => {
    const proxy = await startFaultProxy(kit.router().spec.port);
    const pool = new DevicePool({
      devices: [{ ...kit.router().spec, port: proxy.port }],
      connectTimeoutMs: 3000,
      commandTimeoutMs: 2000,
      knownHosts: new KnownHosts(kit.router().knownHostsFile),
    });
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

describe('the log of the failures above', () => {
  it('has a DEVICE_ERROR line for each, and never the device password, enable secret or the wrong password tried', () => {
    const lines = kit.loggers.flatMap((l) => l.lines);
    expect(lines.filter((l) => l.startsWith('DEVICE_ERROR ')).length).toBeGreaterThanOrEqual(4);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${ROUTER_LOGIN.password}|${ROUTER_LOGIN.enableSecret}|wrong-pass-789`));
  });
});
