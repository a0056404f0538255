import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../servers/network/app';
import type { DeviceSpec } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { ShellClient } from './support/shell-client';
import { captureLogger, type CapturedLogger } from './support/capture-logger';
import { tempDir, testConfig } from './support/test-config';

const SECRET = 'shared-webhook-secret';
const LOGIN = { username: 'admin', password: 'identity-pass-123', enableSecret: 'identity-enable-456' };
const GI = (n: number, shutdown = false) => ({ name: `GigabitEthernet${n}`, ip: `10.0.${n}.1/24`, ...(shutdown && { shutdown }) });

/**
 * The red team's attack, repeated end to end: a user on Router2 renames it Router1 and shuts an
 * interface. Router2's webhook then names Router1, and the network server used to send
 * `no shutdown` to Router1 — undoing a shutdown Router1's own operator had made on purpose.
 * Two simulated routers, the network server with AUTO_REMEDIATE on, real SSH and webhooks.
 */
describe.each([
  ['with only the shared WEBHOOK_SECRET (the device log decides)', {}],
  ['with a webhook secret of its own on each router', { Router1: 'router1-own-webhook-secret', Router2: 'router2-own-webhook-secret' }],
])('device identity, %s', (_label, ownSecrets: Record<string, string>) => {
  let sim: RunningSimulator;
  let server: http.Server;
  let network: ReturnType<typeof buildApp>;
  let log: CapturedLogger;
  const dir = tempDir('hooklab-identity-');
  const config = testConfig({ WEBHOOK_SECRET: SECRET, AUTO_REMEDIATE: 'true', EVENT_COALESCE_MS: '0' });

  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const devices: DeviceSpec[] = [
      // Router1's operator shut GigabitEthernet3 on purpose (in its startup configuration).
      { name: 'Router1', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15, interfaces: [GI(1), GI(2), GI(3, true)] },
      { name: 'Router2', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15, interfaces: [GI(1), GI(2), GI(3)] },
    ].map((d) => (ownSecrets[d.name] ? { ...d, webhookSecret: ownSecrets[d.name] } : d)) as DeviceSpec[];
    sim = await startSimulator({
      devices,
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logDir: path.join(dir, 'logs'),
      webhookUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`,
      webhookSecret: SECRET,
      webhookBaseDelayMs: 20,
    });
    // The network server's inventory: the same two routers at their SSH ports.
    const inventory = devices.map((d, i) => ({ ...d, port: sim.devices[i]!.sshPort }));
    log = captureLogger('network');
    network = buildApp({ config, logger: log, devices: inventory, remediate: { checkEveryMs: 20 } });
    server.on('request', network.app);
  });
  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => server.close(resolve));
    await network.close();
    for (const d of [dir, config.logDir, config.backupDir, path.dirname(config.knownHostsFile)])
      fs.rmSync(d, { recursive: true, force: true });
  });

  const onRouter = async (name: 'Router1' | 'Router2', lines: string[]): Promise<void> => {
    const shell = await ShellClient.open(sim.devices.find((d) => d.name === name)!.sshPort, { password: LOGIN.password });
    await shell.readUntil();
    for (const line of lines) await shell.command(line);
    shell.dispose();
    await sim.webhooksIdle(); // every webhook answered: the server has acted (or not)
  };
  const gi3OfRouter1 = async (): Promise<string | undefined> => {
    const res = await fetch(`${sim.controlUrl}/devices/Router1/interfaces`);
    return ((await res.json()) as { interfaces: Array<{ name: string; status: string }> }).interfaces.find(
      (i) => i.name === 'GigabitEthernet3',
    )?.status;
  };

  it('Router2 renamed Router1 shuts GigabitEthernet3: Router1 is diagnosed but not changed', async () => {
    const router1CommandsBefore = sim.stats().devices.Router1!.commands;
    await onRouter('Router2', ['configure terminal', 'hostname Router1', 'interface GigabitEthernet3', 'shutdown', 'end']);

    const received = log.of('WEBHOOK_RECEIVED').join('\n');
    expect(received).toMatch(/event=InterfaceDown device=Router1 interface=GigabitEthernet3 .*auth=standard-webhooks/);
    // Diagnostics ran on Router1 (read-only), and nothing else did.
    expect(sim.stats().devices.Router1!.commands).toBeGreaterThan(router1CommandsBefore);
    expect(
      log
        .of('DEVICE_COMMAND')
        .filter((l) => l.includes('device=Router1'))
        .join('\n'),
    ).not.toMatch(/no shutdown|configure terminal/);
    expect(await gi3OfRouter1()).toBe('administratively down');
    expect(sim.state('Router1').lastChange).toBeUndefined();
    expect(log.of('SECURITY').join('\n')).toMatch(/event=device_not_confirmed device=Router1 interface=GigabitEthernet3/);
  });

  it("Router1's own shutdown of an interface is still repaired, through its own webhook", async () => {
    await onRouter('Router1', ['configure terminal', 'interface GigabitEthernet2', 'shutdown', 'end']);
    expect(log.of('DEVICE_COMMAND').some((l) => l.includes('device=Router1') && l.includes('command="no shutdown"'))).toBe(true);
    expect(sim.state('Router1').findInterface('GigabitEthernet2')?.shutdown).toBe(false);
  });
});
