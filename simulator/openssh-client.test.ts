import { execFile, spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestSimulator, type SimFixture } from '../test/support/sim-fixture';

/** The system's OpenSSH client, logging in with a key from the authorized_keys file. */
describe('router simulator with the OpenSSH client', () => {
  let fx: SimFixture;
  let key: string;
  let strangerKey: string;

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-ssh-'));
    key = path.join(dir, 'id_ed25519');
    strangerKey = path.join(dir, 'stranger');
    for (const k of [key, strangerKey]) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', k]);
    fs.writeFileSync(path.join(dir, 'authorized_keys'), `# lab keys\n${fs.readFileSync(`${key}.pub`, 'utf8')}`);
    fx = await startTestSimulator({ authorizedKeysFile: path.join(dir, 'authorized_keys') });
  });
  afterAll(() => fx.close());

  const sshArgs = (identity: string, ...extra: string[]): string[] => [
    '-p',
    String(fx.port),
    '-i',
    identity,
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    ...extra,
    'admin@127.0.0.1',
  ];

  function run(args: string[], input?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('ssh', args);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      if (input !== undefined) child.stdin.end(input);
    });
  }

  it('runs an exec command with key authentication', async () => {
    const { code, stdout } = await run([...sshArgs(key), 'show ip interface brief']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Interface\s+IP-Address/);
    expect(stdout).toMatch(/GigabitEthernet1\s+10\.0\.12\.1\s+YES NVRAM\s+up\s+up/);
  });

  it('drives an interactive session on a PTY: config, shutdown, show, exit', async () => {
    const script = ['conf t', 'int gi1', 'shut', 'end', 'terminal length 0', 'sh ip int br', 'show ip intx brief', 'exit', ''].join('\r');
    const { code, stdout } = await run([...sshArgs(key, '-tt')], script);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Router1\(config-if\)#/);
    expect(stdout).toMatch(/GigabitEthernet1\s+10\.0\.12\.1\s+YES NVRAM\s+administratively down down/);
    expect(stdout).toContain(
      `Router1#show ip intx brief\r\n${' '.repeat(8 + 'show ip '.length + 3)}^\r\n% Invalid input detected at '^' marker.`,
    );
  });

  it('refuses a key that is not authorized', async () => {
    const { code, stderr } = await run([...sshArgs(strangerKey), 'show clock']);
    expect(code).toBe(255);
    expect(stderr).toMatch(/Permission denied \(publickey,keyboard-interactive,password\)/);
  });

  it('serves the host key it saved', () => {
    const pub = fs.readFileSync(path.join(fx.dir, 'keys', 'ssh_host_ed25519_key.pub'), 'utf8');
    const scanned = new Promise<string>((resolve) =>
      execFile('ssh-keyscan', ['-p', String(fx.port), '-t', 'ed25519', '127.0.0.1'], (_e, out) => resolve(out)),
    );
    return expect(scanned).resolves.toContain(pub.split(' ')[1]);
  });
});
