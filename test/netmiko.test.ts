import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { DeviceSpec } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { tempDir } from './support/test-config';
import { ROOT } from './support/spawn-process';
import { EVERYDAY, EVERYDAY_CONFIG } from './support/everyday-commands';

/**
 * The simulator against a real SSH automation library for Cisco IOS: Debian's Netmiko (with
 * paramiko), driven by a plain script written the way Netmiko's documentation shows. The
 * simulator runs in this process, so the script runs asynchronously (a sync child would freeze
 * the device it talks to).
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(ROOT, 'test/netmiko/netmiko_session.py');
// Deciding describe or describe.skip must happen while jest collects, hence the one sync call
// (before any simulator exists).
const hasNetmiko = spawnSync(PYTHON, ['-c', 'import netmiko'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

const LOGIN = { username: 'admin', password: 'netmiko-pass-123', enableSecret: 'netmiko-enable-456' } as const;

const BRIEF_HEADER = 'Interface              IP-Address      OK? Method Status                Protocol';

interface SessionSummary {
  prompt: string;
  prompt_after: string;
  outputs: Record<string, string | boolean>;
  timings: Record<string, number>;
  total_s: number;
}
interface AdminSummary extends SessionSummary {
  base_prompt: string;
  in_config_mode_after_config_set: boolean;
}
interface UserSummary extends SessionSummary {
  enable_mode_before: boolean;
  enable_mode_after: boolean;
}
interface Summary {
  netmiko: string;
  admin?: AdminSummary;
  user?: UserSummary;
  everyday?: { outputs: Record<string, string>; timings: Record<string, number> };
  error?: string;
  total_s: number;
}

/** What Netmiko read from the device, for a failure message (the temp folder goes afterwards). */
function sessionLogs(folder: string): string {
  return fs
    .readdirSync(folder)
    .map((f) => `--- ${f}\n${fs.readFileSync(path.join(folder, f), 'utf8')}`)
    .join('\n');
}

/** Runs the script; a failing run prints its JSON summary (naming the failed step) and exits 1. */
async function runNetmiko(args: string[], env: Record<string, string>, logs: string): Promise<Summary> {
  const run = promisify(execFile);
  const options = { env: { PATH: '/usr/bin:/bin', ...env }, timeout: 120_000 };
  let stdout: string;
  try {
    ({ stdout } = await run(PYTHON, [SCRIPT, ...args, '--session-log', logs], options));
  } catch (err) {
    const out = err as { message: string; stdout?: string; stderr?: string };
    throw new Error(
      `netmiko_session.py failed: ${out.message}\nstdout: ${out.stdout ?? ''}\nstderr: ${out.stderr ?? ''}\n${sessionLogs(logs)}`,
    );
  }
  return JSON.parse(stdout) as Summary;
}

/** Without Netmiko the suite is skipped under a name that says why (CI installs it: .ci/run). */
const suite = hasNetmiko
  ? describe
  : (name: string, fn: () => void): void =>
      describe.skip(`${name} [skipped: ${PYTHON} cannot import netmiko; apt-get install python3-netmiko]`, fn);

suite('Netmiko (cisco_ios, Debian python3-netmiko) against the simulator', () => {
  const devices: DeviceSpec[] = [
    { name: 'Router1', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15 },
    { name: 'Router2', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 1 },
  ];
  let dir: string;
  let sim: RunningSimulator;
  let summary: Summary;
  let admin: AdminSummary;
  let user: UserSummary;

  beforeAll(async () => {
    dir = tempDir('hooklab-netmiko-');
    sim = await startSimulator({
      devices,
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logToConsole: false,
      logDir: dir,
    });
    const logs = path.join(dir, 'session-logs');
    fs.mkdirSync(logs);
    const [router1, router2] = sim.devices;
    summary = await runNetmiko(
      [
        '--port',
        String(router1!.sshPort),
        '--user-port',
        String(router2!.sshPort),
        '--everyday',
        JSON.stringify({ show: EVERYDAY.map(([command]) => command), config: EVERYDAY_CONFIG }),
      ],
      { DEVICE_PASSWORD: LOGIN.password, DEVICE_ENABLE_SECRET: LOGIN.enableSecret, DEVICE_USERNAME: LOGIN.username, HOME: dir },
      logs,
    );
    if (!summary.admin || !summary.user) throw new Error(`Netmiko stopped: ${summary.error ?? 'no summary'}\n${sessionLogs(logs)}`);
    admin = summary.admin;
    user = summary.user;
  }, 150_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('a privilege-15 account', () => {
    it('is found at the Router1# prompt, and enable() has nothing to do', () => {
      expect(admin.prompt).toBe('Router1#');
      expect(admin.base_prompt).toBe('Router1');
      expect(admin.outputs.enable).toBe('');
      expect(admin.prompt_after).toBe('Router1#');
    });

    it('reads show version in the IOS-XE layout', () => {
      const out = String(admin.outputs['show version']);
      expect(out.split('\n')[0]).toBe('Cisco IOS XE Software, Version 17.09.04a');
      expect(out).toMatch(/^Router1 uptime is /m);
      expect(out).toMatch(/^Configuration register is 0x2102$/m);
      // send_command strips the echo and the trailing prompt.
      expect(out).not.toMatch(/show version|Router1#/);
    });

    it('reads show ip interface brief with the IOS-XE header, with and without use_textfsm=False', () => {
      for (const step of ['show ip interface brief', 'show ip interface brief (use_textfsm=False)']) {
        const rows = String(admin.outputs[step]).split('\n');
        expect(rows[0]).toBe(BRIEF_HEADER);
        expect(rows[2]).toMatch(/^GigabitEthernet2\s+10\.0\.13\.1\s+YES NVRAM\s+up\s+up\s*$/);
      }
    });

    it('configures with send_config_set: config term, each line at its prompt, end', () => {
      expect(String(admin.outputs['config shutdown']).split('\n')).toEqual([
        'config term',
        'Enter configuration commands, one per line.  End with CNTL/Z.',
        'Router1(config)#interface GigabitEthernet2',
        'Router1(config-if)#description set by netmiko',
        'Router1(config-if)#shutdown',
        'Router1(config-if)#end',
        'Router1#',
      ]);
      expect(admin.in_config_mode_after_config_set).toBe(false);
    });

    it('sees its change in show running-config interface', () => {
      expect(String(admin.outputs['show running-config interface GigabitEthernet2']).split('\n')).toEqual([
        'Building configuration...',
        '',
        expect.stringMatching(/^Current configuration : \d+ bytes$/),
        '!',
        'interface GigabitEthernet2',
        ' description set by netmiko',
        ' ip address 10.0.13.1 255.255.255.0',
        ' shutdown',
        ' negotiation auto',
        'end',
        '',
      ]);
    });

    it('changed the device itself: description kept, shut and brought back up', async () => {
      const gi2 = sim.state('Router1').findInterface('GigabitEthernet2');
      expect(gi2).toMatchObject({ description: 'set by netmiko', shutdown: false });
      const logged = sim.state('Router1').logging.lines().join('\n');
      expect(logged).toContain('%LINK-5-CHANGED: Interface GigabitEthernet2, changed state to administratively down');
      expect(logged).toMatch(
        /%LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to up\n.*%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet2, changed state to up/,
      );
      const res = await fetch(`${sim.controlUrl}/devices/Router1/interfaces`);
      const body = (await res.json()) as { interfaces: Array<{ name: string; description: string | null; status: string }> };
      expect(body.interfaces.find((i) => i.name === 'GigabitEthernet2')).toMatchObject({ description: 'set by netmiko', status: 'up' });
    });

    it('saves with save_config (write mem), answered [OK], into the startup-config', () => {
      expect(admin.outputs.save_config).toBe('Building configuration...\n[OK]');
      expect(sim.state('Router1').startupConfig).toContain('interface GigabitEthernet2\n description set by netmiko\n');
    });
  });

  describe('a privilege-1 account', () => {
    it('lands at Router2>, and enable() with the secret reaches Router2#', () => {
      expect(user.prompt).toBe('Router2>');
      expect(user.enable_mode_before).toBe(false);
      expect(user.outputs.enable).toBe('enable\r\nPassword: \r\nRouter2#');
      expect(user.enable_mode_after).toBe(true);
      expect(user.prompt_after).toBe('Router2#');
    });

    it('then reads the privileged running-config', () => {
      expect(String(user.outputs['show running-config interface GigabitEthernet1'])).toContain(
        'interface GigabitEthernet1\n description Uplink to WAN\n',
      );
    });

    it("answers copy running-config startup-config's question with Enter, as IOS asks it", () => {
      expect(user.outputs['copy running-config startup-config']).toBe(
        'Destination filename [startup-config]? Building configuration...\n[OK]',
      );
      expect(sim.state('Router2').startupConfig).toContain('hostname Router2');
    });
  });

  describe('the everyday commands, with send_command', () => {
    it.each(EVERYDAY)('%s answers as IOS-XE 17 does', (command, expected) => {
      expect(summary.everyday?.outputs[command]).toMatch(expected);
    });

    it("send_config_set takes every configuration line Ansible's modules send, with no error", () => {
      const out = String(summary.everyday?.outputs.send_config_set);
      expect(out).not.toMatch(/^%/m);
      expect(out).toContain('Router1(config-if)#mtu 1400');
      expect(out).toContain('Router1(config)#no ip domain lookup');
    });

    it('the running-config shows them as IOS writes them, and save_config stored them', () => {
      const saved = sim.state('Router1').startupConfig ?? '';
      for (const line of [
        'interface GigabitEthernet3\n description User LAN\n mtu 1400\n no ip address\n',
        '\nip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab\n',
        '\nusername x privilege 5\n',
        '\nlogging buffered 64000 informational\nenable secret 9 ',
        '\nno ip domain lookup\nip domain name lab.local\n',
      ])
        expect(saved).toContain(line);
      expect(summary.everyday?.outputs.save_config).toBe('Building configuration...\n[OK]');
    });
  });

  describe('the device, as Netmiko saw it', () => {
    it('logged each account in at once and rejected none of its commands', () => {
      const stats = sim.stats();
      // Router1: the admin session, then the everyday one.
      expect(stats.devices.Router1).toMatchObject({ sessions_opened: 2, auth_failures: 0 });
      expect(stats.devices.Router2).toMatchObject({ sessions_opened: 1, auth_failures: 0 });
      for (const s of [admin, user]) {
        for (const [step, out] of Object.entries(s.outputs)) {
          expect({ step, error: /^% /m.test(String(out)) }).toEqual({ step, error: false });
        }
      }
    });
  });
});
