import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../servers/lib/config/load-config';
import { labFolders, type LabFolders } from '../../lab/lab-folders';

/** A fresh temporary folder (logs, journals, keys) that no other test shares. */
export function tempDir(prefix = 'hooklab-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The lab's configuration as a test wants it: defaults, rate limiting off, logs and the event
 * journal, backups and known hosts in a temporary folder of its own (see labFolders), plus the
 * given env values. Folders given in `env` are used as they are; when all three are given, no
 * temporary folder is made.
 */
export function testConfig(env: Record<string, string> = {}): Readonly<AppConfig> {
  const given = env.LOG_DIR !== undefined && env.BACKUP_DIR !== undefined && env.KNOWN_HOSTS_FILE !== undefined;
  const folders: Partial<LabFolders> = given ? {} : labFolders(tempDir());
  // Made now, as a test may write into them before any server does.
  for (const dir of [folders.LOG_DIR, folders.BACKUP_DIR]) if (dir !== undefined) fs.mkdirSync(dir);
  return loadConfig({ RATE_LIMIT_PER_MIN: '0', ...folders, ...env });
}
