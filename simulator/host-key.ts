import fs from 'node:fs';
import path from 'node:path';
import { utils } from 'ssh2';

const KEY_FILE = 'ssh_host_ed25519_key';

/**
 * ssh2 1.17's ed25519 generator drops a leading zero byte now and then (about 1 key in 300),
 * leaving a key its own parser refuses; such a key is thrown away and generated again.
 */
function generateUsableKey(): { privateKey: string; publicKey: string } {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519', { comment: 'hooklab-device-simulator' });
    if (!(utils.parseKey(pair.private) instanceof Error)) return { privateKey: pair.private, publicKey: pair.public };
  }
  throw new Error('could not generate a usable ed25519 host key');
}

function usable(key: string): boolean {
  return !(utils.parseKey(key) instanceof Error);
}

/**
 * The device's host key: generated on first start and kept, so an SSH client's known_hosts entry
 * stays valid across restarts (a changing key would look like a man-in-the-middle).
 */
export function loadOrCreateHostKey(dir: string): string {
  const file = path.join(dir, KEY_FILE);
  if (fs.existsSync(file)) {
    const existing = fs.readFileSync(file, 'utf8');
    if (usable(existing)) return existing;
    fs.rmSync(file, { force: true });
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = generateUsableKey();
  try {
    // `wx`: if a parallel start wrote the key first, keep theirs so both use the same key.
    fs.writeFileSync(file, privateKey, { mode: 0o600, flag: 'wx' });
    fs.writeFileSync(`${file}.pub`, `${publicKey}\n`, { mode: 0o644 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8');
}
