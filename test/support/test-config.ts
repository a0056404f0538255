import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig } from '../../servers/lib/load-config';

/** A fresh temporary folder (logs, journals, keys) that no other test shares. */
export function tempDir(prefix = 'hooklab-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * The lab's configuration as a test wants it: defaults, rate limiting off, logs and the event
 * journal in a folder of its own, plus the given env values. Folders given in `env` are used as
 * they are (no temporary folder is made for them).
 */
export function testConfig(env: Record<string, string> = {}): Readonly<AppConfig> {
  return loadConfig({
    RATE_LIMIT_PER_MIN: '0',
    LOG_DIR: env.LOG_DIR ?? tempDir(),
    BACKUP_DIR: env.BACKUP_DIR ?? tempDir(),
    KNOWN_HOSTS_FILE: env.KNOWN_HOSTS_FILE ?? path.join(tempDir(), 'known_hosts'),
    ...env,
  });
}
