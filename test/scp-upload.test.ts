import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { startTestSimulator, deviceSpec, type SimFixture } from './support/sim-fixture';
import { ShellClient } from './support/shell-client';
import { scpPut } from './support/scp-put';
import { FILE_LIMITS } from '../simulator/files/device-files';

const LOGIN = { username: 'admin', password: 'cisco' };

describe('SCP into the router (ip scp server enable), as NAPALM uploads its candidates', () => {
  let fx: SimFixture;
  let shell: ShellClient;
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-scp-keys-'));
  const key = path.join(keys, 'id_ed25519');

  beforeAll(async () => {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    fs.writeFileSync(path.join(keys, 'authorized_keys'), fs.readFileSync(`${key}.pub`));
    fx = await startTestSimulator({
      devices: [deviceSpec({ username: 'admin', password: 'cisco' })],
      authorizedKeysFile: path.join(keys, 'authorized_keys'),
    });
    shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    await shell.command('terminal length 0');
  });
  afterAll(async () => {
    shell.dispose();
    await fx.close();
    fs.rmSync(keys, { recursive: true, force: true });
  });

  it('is refused until ip scp server enable, then the file lands on bootflash: with its exact bytes', async () => {
    const content = Buffer.from('interface Loopback5\n description by scp\nend\n');
    const before = await scpPut(fx.port, LOGIN, 'bootflash:/up.txt', 'up.txt', content);
    expect(before.error).toBeDefined();
    expect(await shell.command('dir bootflash:/up.txt')).toContain('%Error opening bootflash:/up.txt (No such file or directory)');

    await shell.command('configure terminal');
    await shell.command('ip scp server enable');
    await shell.command('end');
    expect(await shell.command('show running-config | include ip scp server enable')).toContain('\r\nip scp server enable\r\n');

    expect(await scpPut(fx.port, LOGIN, 'bootflash:/up.txt', 'up.txt', content)).toEqual({ code: 0, error: undefined });
    const md5 = crypto.createHash('md5').update(content).digest('hex');
    expect(await shell.command('verify /md5 bootflash:/up.txt')).toContain(`= ${md5}`);
    // A directory as the target keeps the sender's name; flash: is bootflash:.
    expect((await scpPut(fx.port, LOGIN, 'flash:', 'other.txt', content)).code).toBe(0);
    expect(await shell.command('more bootflash:other.txt')).toContain(' description by scp');
  });

  it("OpenSSH's scp (-O: the SCP protocol, not SFTP) sends a file the same way", async () => {
    const local = path.join(keys, 'from-openssh.txt');
    fs.writeFileSync(local, 'hostname FromOpenSSH\nend\n');
    const options = ['IdentitiesOnly=yes', 'BatchMode=yes', 'StrictHostKeyChecking=no', 'UserKnownHostsFile=/dev/null', 'LogLevel=ERROR'];
    const args = ['-O', '-P', String(fx.port), '-i', key, ...options.flatMap((o) => ['-o', o])];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn('scp', [...args, local, 'admin@127.0.0.1:bootflash:/from-openssh.txt'], { stdio: 'ignore' });
      child.on('close', resolve);
    });
    expect(code).toBe(0);
    expect(await shell.command('more bootflash:from-openssh.txt')).toContain('hostname FromOpenSSH');
  });

  it('refuses a file bigger than what is left, before reading its bytes', async () => {
    const big = Buffer.alloc(FILE_LIMITS.bytes + 1, 0x41);
    const result = await scpPut(fx.port, LOGIN, 'bootflash:/big.bin', 'big.bin', big);
    expect(result.error).toBe('scp: bootflash:/big.bin: No space left on device');
    expect(await shell.command('dir bootflash:big.bin')).toContain('No such file or directory');
  });
});
