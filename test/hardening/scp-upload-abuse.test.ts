import type { ClientChannel } from 'ssh2';
import { startTestSimulator, deviceSpec, type SimFixture } from '../support/sim-fixture';
import { ShellClient } from '../support/shell-client';
import { connectSsh, scpPut } from '../support/scp-put';
import { FILE_LIMITS } from '../../simulator/files/device-files';

/**
 * Hostile SCP clients against `ip scp server enable`: every refusal is SCP's own (a 1 byte and a
 * message), nothing lands outside bootflash:'s flat list of files, nothing is buffered without
 * bound, and the device goes on answering.
 */
const ADMIN = { username: 'admin', password: 'scp-admin-1' };
const USER = { username: 'viewer', password: 'scp-viewer-1' };

/** Opens `scp -t TARGET`, sends `chunks`, closes its side, and answers everything the device sent back. */
async function rawScp(port: number, login: { username: string; password: string }, target: string, chunks: Buffer[]): Promise<string> {
  const client = await connectSsh(port, login);
  try {
    return await new Promise<string>((resolve, reject) => {
      client.exec(`scp -t ${target}`, (err, channel: ClientChannel) => {
        if (err) return reject(err);
        let received = '';
        channel.on('data', (d: Buffer) => (received += d.toString('latin1')));
        channel.stderr.on('data', () => undefined);
        channel.on('close', () => resolve(received));
        for (const c of chunks) channel.write(c);
        channel.end();
      });
    });
  } finally {
    client.end();
  }
}

describe('SCP uploads that try to escape, flood or overfill bootflash:', () => {
  let fx: SimFixture;
  let shell: ShellClient;

  beforeAll(async () => {
    fx = await startTestSimulator({ devices: [deviceSpec(ADMIN)] });
    shell = await ShellClient.open(fx.port, ADMIN);
    await shell.readUntil();
    const setup = [
      'terminal length 0',
      'configure terminal',
      'ip scp server enable',
      `username ${USER.username} secret ${USER.password}`,
      'end',
    ];
    for (const line of setup) await shell.command(line);
  });
  afterAll(async () => {
    shell.dispose();
    await fx.close();
  });

  it('a path with ../ or a folder is refused; so is a name with a slash in the C line, and any file system but bootflash:', async () => {
    expect(await rawScp(fx.port, ADMIN, 'bootflash:/../../etc/passwd', [Buffer.from('C0644 4 x\nabcd\0')])).toBe(
      '\x01scp: bootflash:/../../etc/passwd: No such file or directory\n',
    );
    expect(await rawScp(fx.port, ADMIN, 'bootflash:', [Buffer.from('C0644 4 ../evil\nabcd\0')])).toMatch(/^\0\x01scp: protocol error/);
    expect(await rawScp(fx.port, ADMIN, 'nvram:startup-config', [Buffer.from('C0644 4 x\nabcd\0')])).toMatch(/No such file or directory/);
    expect(fx.sim.state().files.list()).toEqual([]);
  });

  it('a control line that never ends, and a directory, are refused without keeping what was sent', async () => {
    expect(await rawScp(fx.port, ADMIN, 'bootflash:/a', [Buffer.alloc(64 * 1024, 0x43)])).toBe(
      '\0\x01scp: protocol error: control line too long\n',
    );
    expect(await rawScp(fx.port, ADMIN, 'bootflash:', [Buffer.from('D0755 0 dir\n')])).toMatch(/directories are not supported/);
    expect(fx.sim.state().files.list()).toEqual([]);
  });

  it('a declared size past what is left is refused before its bytes; a short send leaves no file', async () => {
    expect(await rawScp(fx.port, ADMIN, 'bootflash:/big', [Buffer.from('C0644 999999999999 big\n')])).toMatch(/No space left on device/);
    await rawScp(fx.port, ADMIN, 'bootflash:/short', [Buffer.from('C0644 100 short\nonly a few bytes')]);
    expect(fx.sim.state().files.get('short')).toBeUndefined();
  });

  it('a level-1 user gets the CLI, not the SCP server', async () => {
    const result = await scpPut(fx.port, USER, 'bootflash:/x', 'x', Buffer.from('x'));
    // The exec line went to the CLI, whose caret line is what the SCP client reads instead of a 0.
    expect(result.error).toMatch(/^\s+\^\s*$/);
    expect(fx.sim.state().files.get('x')).toBeUndefined();
  });

  it('the device still answers, and still takes a proper upload', async () => {
    expect(await scpPut(fx.port, ADMIN, 'bootflash:/ok.txt', 'ok.txt', Buffer.from('fine\n'))).toEqual({ code: 0, error: undefined });
    expect(await shell.command('more bootflash:ok.txt')).toContain('fine');
  });
});

describe('two SCP uploads at once for the last free space', () => {
  it('the second is refused while the first holds its space, and the space comes back when the first is abandoned', async () => {
    const fx = await startTestSimulator({ devices: [deviceSpec(ADMIN)] });
    try {
      const shell = await ShellClient.open(fx.port, ADMIN);
      await shell.readUntil();
      for (const line of ['configure terminal', 'ip scp server enable', 'end']) await shell.command(line);
      shell.dispose();
      const half = Math.floor(FILE_LIMITS.bytes / 2) + 1;
      const first = await connectSsh(fx.port, ADMIN);
      const holding = await new Promise<ClientChannel>((resolve, reject) =>
        first.exec('scp -t bootflash:/one', (err, channel) => (err ? reject(err) : resolve(channel))),
      );
      // Two 0 bytes: the device is ready, then it took the C line (and holds the space).
      let acks = 0;
      const accepted = new Promise<void>((resolve) =>
        holding.on('data', (d: Buffer) => {
          acks += d.filter((b) => b === 0).length;
          if (acks >= 2) resolve();
        }),
      );
      holding.write(`C0644 ${half} one\n`);
      await accepted;
      expect(await rawScp(fx.port, ADMIN, 'bootflash:/two', [Buffer.from(`C0644 ${half} two\n`)])).toMatch(/No space left on device/);
      first.end();
      // The device notices the dropped connection on its own time: poll its state, not a clock.
      while (fx.sim.state().files.freeBytes() < half) await new Promise((r) => setTimeout(r, 20));
      expect(await scpPut(fx.port, ADMIN, 'bootflash:/two', 'two', Buffer.alloc(half, 0x61))).toEqual({ code: 0, error: undefined });
    } finally {
      await fx.close();
    }
  });
});
