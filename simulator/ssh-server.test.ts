import fs from 'node:fs';
import net from 'node:net';
import { NodeSSH } from 'node-ssh';
import { startTestSimulator, deviceSpec, type SimFixture } from '../test/support/sim-fixture';
import { ShellClient } from '../test/support/shell-client';

describe('router simulator over SSH (node-ssh)', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startTestSimulator({ devices: [deviceSpec(), deviceSpec({ name: 'Branch1', privilege: 1, enableSecret: 's3cret' })] });
  });
  afterAll(() => fx.close());
  const branchPort = (): number => fx.sim.devices[1]?.sshPort ?? 0;

  describe('a privilege-15 login', () => {
    it('sends the prompt as soon as the shell opens and lands at Router1#', async () => {
      const shell = await ShellClient.open(fx.port);
      expect(await shell.readUntil()).toBe('\r\nRouter1#');
      shell.dispose();
    });

    it('echoes the line, then output, then the prompt, in one write with nothing after it', async () => {
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      shell.chunks.length = 0;
      const out = await shell.command('show clock');
      expect(out).toMatch(/^show clock\r\n\*\d\d:\d\d:\d\d\.\d{3} UTC \w{3} \w{3} \d{1,2} \d{4}\r\nRouter1#$/);
      expect(shell.chunks).toEqual([out]);
      shell.dispose();
    });

    it('walks config mode with abbreviations and shows the change everywhere', async () => {
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      await shell.command('terminal length 0');
      expect(await shell.command('conf t')).toMatch(/Router1\(config\)#$/);
      expect(await shell.command('int gi 2')).toMatch(/Router1\(config-if\)#$/);
      await shell.command('shut');
      expect(await shell.command('end')).toMatch(/\r\nRouter1#$/);
      expect(await shell.command('sh ip int br')).toMatch(/GigabitEthernet2\s+10\.0\.13\.1\s+YES NVRAM\s+administratively down down/);
      expect(await shell.command('show interfaces Gi2')).toContain('GigabitEthernet2 is administratively down, line protocol is down \r\n');
      expect(await shell.command('show running-config interface GigabitEthernet2')).toContain('\r\n shutdown\r\n');
      const log = await shell.command('show logging | include GigabitEthernet2|CONFIG_I');
      expect(log).toMatch(/%LINK-5-CHANGED: Interface GigabitEthernet2, changed state to administratively down/);
      expect(log).toMatch(/%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet2, changed state to down/);
      expect(log).toMatch(/%SYS-5-CONFIG_I: Configured from console by admin on vty\d \(127\.0\.0\.1\)/);
      await shell.command('conf t');
      await shell.command('interface GigabitEthernet2');
      await shell.command('no shut');
      shell.send('\x1a');
      expect(await shell.readUntil()).toBe('^Z\r\nRouter1#');
      expect(await shell.command('sh ip int br | i GigabitEthernet2')).toMatch(/GigabitEthernet2\s+10\.0\.13\.1\s+YES NVRAM\s+up\s+up/);
      shell.dispose();
    });

    it('closes the session on exit', async () => {
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      shell.send('exit\r');
      await shell.closedByServer();
      shell.dispose();
    });
  });

  describe('a privilege-1 login', () => {
    it('lands at ">" and needs enable with the secret, which is not echoed', async () => {
      const shell = await ShellClient.open(branchPort());
      expect(await shell.readUntil()).toBe('\r\nBranch1>');
      expect(await shell.command('show running-config')).toContain("% Invalid input detected at '^' marker.");
      expect(await shell.command('enable', /Password: $/)).toBe('enable\r\nPassword: ');
      expect(await shell.command('wrong', /Password: $/)).toBe('\r\nPassword: ');
      expect(await shell.command('s3cret')).toBe('\r\nBranch1#');
      expect(await shell.command('disable')).toBe('disable\r\nBranch1>');
      shell.dispose();
    });

    it('says "% Bad secrets" after three wrong tries and logs it without the secret', async () => {
      const shell = await ShellClient.open(branchPort());
      await shell.readUntil();
      await shell.command('en', /Password: $/);
      await shell.command('nope1', /Password: $/);
      await shell.command('nope2', /Password: $/);
      expect(await shell.command('nope3')).toBe('\r\n% Bad secrets\r\n\r\nBranch1>');
      shell.dispose();
      const log = await fx.logWith(/SECURITY event=enable_failed device=Branch1/);
      expect(log).toMatch(/SECURITY event=enable_failed device=Branch1/);
      expect(log).not.toMatch(/nope\d|s3cret/);
    });
  });

  describe('exec requests', () => {
    it('runs one command and closes', async () => {
      const ssh = await new NodeSSH().connect({ host: '127.0.0.1', port: fx.port, username: 'admin', password: 'cisco' });
      const result = await ssh.execCommand('show version | include uptime|Version');
      expect(result.stdout).toMatch(/^Cisco IOS XE Software, Version 17\.09\.04a/);
      expect(result.stdout).toMatch(/Router1 uptime is \d+ minutes?/);
      expect(result.code).toBe(0);
      ssh.dispose();
    });

    it('refuses an unknown subsystem without harm', async () => {
      const ssh = await new NodeSSH().connect({ host: '127.0.0.1', port: fx.port, username: 'admin', password: 'cisco' });
      await expect(ssh.requestSFTP()).rejects.toThrow();
      expect((await ssh.execCommand('show clock')).stdout).toMatch(/UTC/);
      ssh.dispose();
    });
  });

  describe('authentication', () => {
    it('refuses a wrong password and logs it, never the password', async () => {
      const before = fx.sim.stats().auth_failures;
      await expect(
        new NodeSSH().connect({ host: '127.0.0.1', port: fx.port, username: 'admin', password: 'hunter2-wrong', tryKeyboard: false }),
      ).rejects.toThrow(/authentication/i);
      expect(fx.sim.stats().auth_failures).toBeGreaterThan(before);
      const log = await fx.logWith(/SECURITY event=auth_failed device=Router1 user=admin/);
      expect(log).toMatch(/SECURITY event=auth_failed device=Router1 user=admin source=127\.0\.0\.1 method=password/);
      expect(log).not.toContain('hunter2');
      expect(log).not.toMatch(/password=|cisco/);
    });
  });

  describe('robustness', () => {
    it('serves many sessions at once', async () => {
      const shells = await Promise.all(Array.from({ length: 12 }, () => ShellClient.open(fx.port)));
      await Promise.all(shells.map((s) => s.readUntil()));
      expect(fx.sim.stats().devices.Router1?.sessions_active).toBeGreaterThanOrEqual(12);
      const outs = await Promise.all(shells.map((s) => s.command('show ip interface brief')));
      for (const out of outs) expect(out).toMatch(/Loopback0\s+1\.1\.1\.1/);
      shells.forEach((s) => s.dispose());
    });

    it('survives garbage bytes before SSH and after login, and very long lines', async () => {
      await new Promise<void>((resolve) => {
        const sock = net.connect(fx.port, '127.0.0.1', () => sock.end(Buffer.from([0, 255, 13, 10, 1, 2, 3, 0x1b, 0x5b])));
        sock.resume();
        sock.on('error', () => resolve());
        sock.on('close', () => resolve());
      });
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      shell.send(Buffer.from([0x00, 0xff, 0x80, 0x1b, 0x5b, 0x31, 0x3b, 0x35, 0x41, 0x07, 0x01]).toString('latin1'));
      shell.send(`${'x'.repeat(100_000)}\r`);
      expect(await shell.readUntil(/Router1#$/)).toContain('Translating');
      expect(await shell.command('show clock')).toMatch(/UTC/);
      shell.dispose();
    });

    it('counts sessions that end abruptly', async () => {
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      const active = fx.sim.stats().sessions_active;
      shell.ssh.connection?.end();
      (shell.ssh.connection as unknown as { _sock?: net.Socket })._sock?.destroy();
      await new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (fx.sim.stats().sessions_active < active) {
            clearInterval(check);
            resolve();
          }
        }, 10);
      });
      const next = await ShellClient.open(fx.port);
      expect(await next.readUntil()).toBe('\r\nRouter1#');
      next.dispose();
    });

    it('treats exit followed by a TCP reset as normal, not an error', async () => {
      const shell = await ShellClient.open(fx.port);
      await shell.readUntil();
      const sock = (shell.ssh.connection as unknown as { _sock: net.Socket })._sock;
      const before = fs.readFileSync(fx.logFile, 'utf8');
      const lines = before.split('\n').length;
      const clocks = (text: string): number => (text.match(/command="show clock"/g) ?? []).length;
      shell.send('exit\n');
      await shell.closedByServer();
      sock.resetAndDestroy();
      await new Promise<void>((resolve) => sock.once('close', () => resolve()));
      const next = await ShellClient.open(fx.port);
      await next.command('show clock');
      next.dispose();
      // Once the next session's command is in the file, anything logged for the reset is too.
      let text = before;
      for (const deadline = Date.now() + 5000; clocks(text) <= clocks(before) && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20)); // polling a file written asynchronously
        text = fs.readFileSync(fx.logFile, 'utf8');
      }
      expect(clocks(text)).toBe(clocks(before) + 1);
      const fresh = text.split('\n').slice(lines - 1);
      expect(fresh.filter((l) => /^ERROR|protocol_error/.test(l))).toEqual([]);
    });
  });
});
