import fs from 'node:fs';
import path from 'node:path';

/** What the known-hosts file says about a key a device presented. */
export type HostKeyVerdict = 'known' | 'new' | 'changed';

/** `[host]:port` as OpenSSH writes it (a bare host for port 22), so `ssh-keygen -R` works on the file. */
export function hostPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** The key type named inside an SSH public key blob (RFC 4253 §6.6: string type, then data). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString('ascii') : 'unknown';
}

/**
 * Trust on first use, like `ssh` with StrictHostKeyChecking=accept-new: a device's first key is
 * remembered in an OpenSSH-format known_hosts file; a different key later is refused until its
 * line is removed (`ssh-keygen -R "[127.0.0.1]:2222" -f .hooklab/known_hosts`).
 */
export class KnownHosts {
  constructor(readonly file: string) {}

  /** The remembered keys (base64) for one host pattern. The file is re-read so edits apply at once. */
  private keysFor(pattern: string): string[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const keys: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const [hosts, , key] = line.trim().split(/\s+/);
      if (!hosts || hosts.startsWith('#') || !key) continue;
      if (hosts.split(',').includes(pattern)) keys.push(key);
    }
    return keys;
  }

  /** Compares the key a device presented (the raw blob ssh2 hands to hostVerifier). */
  check(host: string, port: number, blob: Buffer): HostKeyVerdict {
    const known = this.keysFor(hostPattern(host, port));
    if (known.length === 0) return 'new';
    return known.includes(blob.toString('base64')) ? 'known' : 'changed';
  }

  /** Appends the key; the folder and file are created private to the user. */
  remember(host: string, port: number, blob: Buffer): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    fs.appendFileSync(this.file, `${hostPattern(host, port)} ${keyType(blob)} ${blob.toString('base64')}\n`, { mode: 0o600 });
  }

  /**
   * Checks and, for a first contact, remembers. Returns the verdict so the caller can accept
   * (`known`, `new`) or refuse (`changed`) and say why.
   */
  verify(host: string, port: number, blob: Buffer): HostKeyVerdict {
    const verdict = this.check(host, port, blob);
    if (verdict === 'new') this.remember(host, port, blob);
    return verdict;
  }
}
