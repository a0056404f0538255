import fs from 'node:fs/promises';
import path from 'node:path';
import { createTwoFilesPatch, structuredPatch } from 'diff';
import type { DeviceSession } from '../lib/device-client/device-session';
import { maskConfigSecrets } from './mask-config-secrets';

/** What a ConfigChange answers: where the backup went and what changed since the last one. */
export interface BackupResult {
  device: string;
  backup: string;
  bytes: number;
  taken_at: string;
  /** The backup compared against; `null` on the first backup of a device. */
  previous: string | null;
  changed: boolean | null;
  /** Unified diff previous → this one (secrets masked); `null` on the first backup. */
  diff: string | null;
  lines_added: number;
  lines_removed: number;
}

// Lines that change on every `show running-config` without any change to the configuration.
const VOLATILE = /^(Building configuration\.\.\.|Current configuration : \d+ bytes)\s*$/;

/** The configuration as it is worth keeping: without the volatile preamble, with `\n` endings. */
export function cleanRunningConfig(output: string): string {
  const lines = output.split('\n').filter((l) => !VOLATILE.test(l));
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  return `${lines.join('\n').trimEnd()}\n`;
}

/** `2025-09-07T14-22-00-123Z`: sortable, and legal in a file name everywhere. */
function stamp(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

async function latestBackup(dir: string): Promise<string | undefined> {
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.cfg')).sort().pop();
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
  const result: BackupResult = {
    device, backup: path.join(dir, name), bytes: Buffer.byteLength(config), taken_at: at.toISOString(),
    previous: null, changed: null, diff: null, lines_added: 0, lines_removed: 0,
  };
  if (previous === undefined) return result;
  const before = await fs.readFile(path.join(dir, previous), 'utf8');
  const hunks = structuredPatch(previous, name, before, config).hunks;
  const lines = hunks.flatMap((h) => h.lines);
  return {
    ...result,
    previous: path.join(dir, previous),
    changed: hunks.length > 0,
    diff: hunks.length > 0 ? maskConfigSecrets(createTwoFilesPatch(previous, name, before, config)) : '',
    lines_added: lines.filter((l) => l.startsWith('+')).length,
    lines_removed: lines.filter((l) => l.startsWith('-')).length,
  };
}
