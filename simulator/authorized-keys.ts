import fs from 'node:fs';
import { utils, type ParsedKey } from 'ssh2';

/**
 * Reads an OpenSSH `authorized_keys` file. A missing file means no keys; a line that does not
 * parse is skipped (and counted) rather than stopping the device.
 */
export function loadAuthorizedKeys(file: string | undefined): { keys: ParsedKey[]; skipped: number } {
  if (!file || !fs.existsSync(file)) return { keys: [], skipped: 0 };
  const keys: ParsedKey[] = [];
  let skipped = 0;
  for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    // Options before the key type (`from="..." ssh-ed25519 AAAA...`) are ignored here.
    const start = line.search(/(ssh-|ecdsa-|sk-)/);
    const parsed = start >= 0 ? utils.parseKey(line.slice(start)) : new Error('no key type');
    if (parsed instanceof Error) skipped += 1;
    else keys.push(...(Array.isArray(parsed) ? (parsed as ParsedKey[]) : [parsed]));
  }
  return { keys, skipped };
}

/** The authorized key with this public blob, if any. */
export function findAuthorizedKey(keys: readonly ParsedKey[], publicBlob: Buffer): ParsedKey | undefined {
  return keys.find((k) => k.getPublicSSH().equals(publicBlob));
}
