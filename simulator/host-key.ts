import fs from 'node:fs';
import path from 'node:path';
import { utils } from 'ssh2';

const KEY_FILE = 'ssh_host_ed25519_key';

/**
 * The device's host key: generated on first start and kept, so an SSH client's known_hosts entry
 * stays valid across restarts (a changing key would look like a man-in-the-middle).
 */
export function loadOrCreateHostKey(dir: string): string {
  const file = path.join(dir, KEY_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { private: privateKey, public: publicKey } = utils.generateKeyPairSync('ed25519', {
    comment: 'hooklab-device-simulator',
  });
  try {
    // `wx`: if a parallel start wrote the key first, keep theirs so both use the same key.
    fs.writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(`${file}.pub`, `${publicKey}\n`, { mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8');
}
