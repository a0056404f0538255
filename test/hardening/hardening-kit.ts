import fs from 'node:fs';
import path from 'node:path';
import { createWebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import type { AppConfig } from '../../servers/lib/config/load-config';
import type { EventLogger } from '../../common/logging/create-logger';
import { labFolders, type LabFolders } from '../../lab/lab-folders';
import { captureLogger } from '../support/capture-logger';
import { tempDir } from '../support/test-config';

/**
 * What the hardening tests share. Each test in test/hardening/ repeats one attack against the
 * servers and shows that it now fails. (The router simulator's half is tested beside the simulator.)
 */

/** The pipeline alone: one catch-all handler answering {"status":"ok"}, as the basic server has. */
export function catchAllApp(config: Readonly<AppConfig>, logger: EventLogger = captureLogger()) {
  return createWebhookApp({ server: 'basic', config, logger, events: [], anyEvent: { handle: () => ({ status: 'ok' }) } });
}

// Every folder a test file writes to lives under one scratch folder, removed after that file
// (jest loads this module afresh for each test file, at its top level).
const scratch = tempDir('hooklab-hardening-');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let folders = 0;

/** A new folder under the test file's scratch folder. */
export function folder(): string {
  const dir = path.join(scratch, String((folders += 1)));
  fs.mkdirSync(dir);
  return dir;
}

/** LOG_DIR, BACKUP_DIR and KNOWN_HOSTS_FILE of one server, all inside the scratch folder. */
export function ownFolders(): LabFolders {
  return labFolders(folder());
}
