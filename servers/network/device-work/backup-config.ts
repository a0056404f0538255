import fs from 'node:fs/promises';
import path from 'node:path';
import type { DeviceSession } from '../../lib/device-client/device-session';
import type { ConfigDiff } from './config-diff';
import { diffInWorker } from './diff-in-worker';

/** What a ConfigChange answers: where the backup went and what changed since the last one. */
export interface BackupResult extends Omit<ConfigDiff, 'changed'> {
  device: string;
  backup: string;
  bytes: number;
  taken_at: string;
  /** The backup compared against; `null` on the first backup of a device. */
  previous: string | null;
  /** `null` on the first backup; see ConfigDiff for the rest. */
  changed: boolean | null;
}

// Lines at the top of `show running-config` that change without any change to the configuration.
const VOLATILE = /^(Building configuration\.\.\.|Current configuration : \d+ bytes)\s*$/;

/**
 * The configuration as it is worth keeping: without the volatile preamble (and blank lines
 * before it starts), with `\n` endings. Only the top is looked at, so a configuration of
 * megabytes costs no split into lines here.
 */
export function cleanRunningConfig(output: string): string {
  let start = 0;
  for (;;) {
    const end = output.indexOf('\n', start);
    const line = output.slice(start, end === -1 ? undefined : end);
    if (line.trim() !== '' && !VOLATILE.test(line)) break;
    if (end === -1) return '\n';
    start = end + 1;
  }
  return `${output.slice(start).trimEnd()}\n`;
}

/** `2025-09-07T14-22-00-123Z`: sortable, and legal in a file name everywhere. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

async function latestBackup(dir: string): Promise<string | undefined> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.cfg'))
    .sort()
    .pop();
}

/** Writes without overwriting: two backups in the same millisecond get `_001`, `_002` … (sorting after the first). */
async function writeNew(dir: string, base: string, text: string): Promise<string> {
  for (let n = 0; ; n += 1) {
    const name = n === 0 ? `${base}.cfg` : `${base}_${String(n).padStart(3, '0')}.cfg`;
    try {
      await fs.writeFile(path.join(dir, name), text, { flag: 'wx', mode: 0o600 });
      return name;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n > 100) throw err;
    }
  }
}

/**
 * ConfigChange: fetch the running configuration, save it as BACKUP_DIR/<device>/<device>_<time>.cfg
 * and diff it against the previous backup. The device name comes from the inventory, so it is
 * safe as a folder name. Runs inside the device's queue, so two backups never race.
 */
export async function backupConfig(session: DeviceSession, backupDir: string, at = new Date()): Promise<BackupResult> {
  const device = session.spec.name;
  const config = cleanRunningConfig(await session.sendCommand('show running-config'));
  const dir = path.join(backupDir, device);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const previous = await latestBackup(dir);
  const name = await writeNew(dir, `${device}_${stamp(at)}`, config);
  const taken = { device, backup: path.join(dir, name), bytes: Buffer.byteLength(config), taken_at: at.toISOString() };
  if (previous === undefined) {
    return { ...taken, previous: null, changed: null, diff: null, lines_added: 0, lines_removed: 0, too_large: false };
  }
  const before = await fs.readFile(path.join(dir, previous), 'utf8');
  // Off the event loop, and bounded: a huge change is reported as too large, never a frozen server.
  const diff = await diffInWorker({ previousName: previous, name, before, after: config });
  return { ...taken, previous: path.join(dir, previous), ...diff };
}
