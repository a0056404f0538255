import fs from 'node:fs';
import net from 'node:net';
import { loadDeviceInventory, loadInventoryLinks } from '../common/inventory/device-inventory';
import { startTestSimulator } from '../test/support/sim-fixture';
import { ShellClient } from '../test/support/shell-client';

describe('startSimulator', () => {
  it('starts every inventory device on its own port in one process, and stops cleanly', async () => {
    const inventory = `${__dirname}/inventory.example.json`;
    const devices = loadDeviceInventory(
      { name: 'Router1', host: '127.0.0.1', port: 0, username: 'admin', password: 'cisco', enableSecret: 'cisco' },
      inventory,
      { ROUTER2_PASSWORD: 'r2-secret-pass', ROUTER2_ENABLE_SECRET: 'r2-enable' },
    );
    const fx = await startTestSimulator({ devices, links: loadInventoryLinks(inventory) });
    expect(fx.sim.devices.map((d) => d.name)).toEqual(['Router1', 'Router2', 'Router3']);
    expect(new Set(fx.sim.devices.map((d) => d.sshPort)).size).toBe(3);

    const r3 = await ShellClient.open(fx.sim.devices[2]!.sshPort);
    expect(await r3.readUntil()).toBe('\r\nRouter3#');
    expect(await r3.command('sh ip int br | i Loopback0|GigabitEthernet3')).toMatch(
      /GigabitEthernet3\s+192\.168\.3\.1\s+YES NVRAM\s+up\s+up\s*\r\nLoopback0\s+3\.3\.3\.3/,
    );
    expect(await r3.command('show version | i ^cisco')).toContain('cisco CSR1000V');
    expect(await r3.command('show cdp neighbors | i ^Router')).toMatch(/\r\nRouter1\.lab\.local\r\nRouter2\.lab\.local\r\n/);
    r3.dispose();

    const r2 = await ShellClient.open(fx.sim.devices[1]!.sshPort, { password: 'r2-secret-pass' });
    expect(await r2.readUntil()).toBe('\r\nRouter2>');
    r2.dispose();

    const ports = fx.sim.devices.map((d) => d.sshPort);
    const controlUrl = fx.sim.controlUrl;
    const logFile = fx.logFile;
    const log = () => fs.readFileSync(logFile, 'utf8');
    await fx.sim.close();
    expect(log()).toMatch(/^SERVER_START server=device-simulator devices="Router1@127\.0\.0\.1:\d+,Router2@/);
    expect(log()).toMatch(/SERVER_STOP server=device-simulator/);
    expect(log()).not.toMatch(/r2-secret-pass|r2-enable/);
    for (const port of ports) {
      await expect(
        new Promise((resolve, reject) => net.connect(port, '127.0.0.1').on('connect', resolve).on('error', reject)),
      ).rejects.toThrow(/ECONNREFUSED/);
    }
    await expect(fetch(`${controlUrl}/stats`)).rejects.toThrow();
    fs.rmSync(fx.dir, { recursive: true, force: true });
  });

  it("writes the device's syslog messages to device_simulator.log, as a syslog server would get them", async () => {
    const fx = await startTestSimulator();
    try {
      const control = (path: string): Promise<Response> => fetch(`${fx.sim.controlUrl}${path}`, { method: 'POST' });
      expect((await control('/interfaces/GigabitEthernet1/shutdown')).status).toBe(200);
      expect((await control('/interfaces/GigabitEthernet1/no-shutdown')).status).toBe(200);
      const up = /SYSLOG device=Router1 message="%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to up"/;
      const log = await fx.logWith(up);
      const lines = log.split('\n').filter((l) => l.startsWith('SYSLOG'));
      expect(lines.map((l) => /message="([^"]*)"/.exec(l)?.[1])).toEqual([
        '%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
        '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down',
        '%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up',
        '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to up',
      ]);
    } finally {
      await fx.close();
    }
  });

  it('fails to start, releasing what it opened, when a port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as net.AddressInfo).port;
    await expect(startTestSimulator({ sshPort: taken })).rejects.toThrow(/EADDRINUSE/);
    blocker.close();
  });
});
