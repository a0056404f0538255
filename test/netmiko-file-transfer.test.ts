import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startTestSimulator, deviceSpec, type SimFixture } from './support/sim-fixture';
import { ShellClient } from './support/shell-client';
import { ROOT } from './support/spawn-process';

/**
 * The upload NAPALM's ios driver makes before every merge or replace, done by the real library
 * it uses for it: Debian's Netmiko FileTransfer (paramiko + Python's scp module), following
 * NAPALM's `_xfer_file` (test/netmiko/file_transfer.py). The simulator runs in this process, so
 * the script runs asynchronously.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(ROOT, 'test/netmiko/file_transfer.py');
const hasNetmiko = spawnSync(PYTHON, ['-c', 'import netmiko, scp'], { stdio: 'ignore', timeout: 20_000 }).status === 0;
const LOGIN = { username: 'admin', password: 'scp-pass-123' };

interface Transfer {
  file_system: string;
  exists: boolean;
  space_ok?: boolean;
  verified?: boolean;
  remote_size?: number;
  result: string;
}
interface Summary {
  netmiko: string;
  first?: Transfer;
  second?: Transfer;
  error?: string;
}

const suite = hasNetmiko
  ? describe
  : (name: string, fn: () => void): void =>
      describe.skip(`${name} [skipped: ${PYTHON} cannot import netmiko and scp; apt-get install python3-netmiko]`, fn);

suite("Netmiko's FileTransfer (SCP), as NAPALM uploads a candidate, against the simulator", () => {
  let fx: SimFixture;
  let summary: Summary;
  const content = 'interface Loopback44\n description sent by netmiko scp\nend\n';

  beforeAll(async () => {
    fx = await startTestSimulator({ devices: [deviceSpec(LOGIN)] });
    const shell = await ShellClient.open(fx.port, LOGIN);
    await shell.readUntil();
    for (const line of ['configure terminal', 'ip scp server enable', 'end']) await shell.command(line);
    shell.dispose();
    const source = path.join(fx.dir, 'candidate.txt');
    fs.writeFileSync(source, content);
    const run = promisify(execFile);
    const env = { PATH: '/usr/bin:/bin', HOME: fx.dir, DEVICE_USERNAME: LOGIN.username, DEVICE_PASSWORD: LOGIN.password };
    const { stdout } = await run(PYTHON, [SCRIPT, '--port', String(fx.port), '--source', source, '--dest', 'merge_config.txt'], {
      env,
      timeout: 120_000,
    });
    summary = JSON.parse(stdout) as Summary;
  }, 150_000);
  afterAll(async () => {
    await fx?.close();
  });

  it('autodetects bootflash:, finds no file, sees the space and the SCP server, sends the file and verifies its MD5', () => {
    expect(summary.error).toBeUndefined();
    expect(summary.first).toEqual({
      file_system: 'bootflash:',
      exists: false,
      space_ok: true,
      verified: true,
      remote_size: Buffer.byteLength(content),
      result: 'File successfully transferred to remote device',
    });
  });

  it('the second time finds the file with the same MD5 and sends nothing', () => {
    expect(summary.second?.exists).toBe(true);
    expect(summary.second?.result).toBe('File already exists and has correct MD5: no SCP needed');
  });

  it('the file on the device holds exactly the bytes sent', () => {
    const stored = fx.sim.state().files.get('merge_config.txt')?.bytes;
    expect(
      crypto
        .createHash('md5')
        .update(stored ?? '')
        .digest('hex'),
    ).toBe(crypto.createHash('md5').update(content).digest('hex'));
  });
});
