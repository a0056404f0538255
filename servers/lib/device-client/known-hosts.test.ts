import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { utils } from 'ssh2';
import { KnownHosts, hostPattern, keyType } from './known-hosts';

function publicBlob(): Buffer {
  const { public: pub } = utils.generateKeyPairSync('ed25519');
  return Buffer.from(pub.trim().split(/\s+/)[1]!, 'base64');
}

describe('KnownHosts', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-kh-'));
    file = path.join(dir, 'nested', 'known_hosts');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('trusts a device on first use and writes an OpenSSH-style line', () => {
    const hosts = new KnownHosts(file);
    const key = publicBlob();
    expect(hosts.verify('127.0.0.1', 2222, key)).toBe('new');
    expect(fs.readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${key.toString('base64')}\n`);
    expect(hosts.verify('127.0.0.1', 2222, key)).toBe('known');
  });

  it('refuses a changed key, and keeps refusing, until the line is removed', () => {
    const hosts = new KnownHosts(file);
    hosts.verify('127.0.0.1', 2222, publicBlob());
    const other = publicBlob();
    expect(hosts.verify('127.0.0.1', 2222, other)).toBe('changed');
    expect(hosts.verify('127.0.0.1', 2222, other)).toBe('changed');
    fs.writeFileSync(file, '');
    expect(hosts.verify('127.0.0.1', 2222, other)).toBe('new');
  });

  it('keeps devices on different ports apart', () => {
    const hosts = new KnownHosts(file);
    hosts.verify('127.0.0.1', 2222, publicBlob());
    expect(hosts.check('127.0.0.1', 2223, publicBlob())).toBe('new');
  });

  it('writes port 22 as a bare host and reads comma-separated host lists and comments', () => {
    const key = publicBlob();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `# devices\nrouter.lab,10.0.0.1 ssh-ed25519 ${key.toString('base64')}\n`);
    expect(new KnownHosts(file).check('10.0.0.1', 22, key)).toBe('known');
    expect(hostPattern('10.0.0.1', 22)).toBe('10.0.0.1');
    expect(keyType(Buffer.from([0, 0]))).toBe('unknown');
  });
});
