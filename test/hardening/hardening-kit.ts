import fs from 'node:fs';
import path from 'node:path';
import { createWebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import type { AppConfig } from '../../servers/lib/config/load-config';
import type { EventLogger } from '../../common/logging/create-logger';
import { labFolders, type LabFolders } from '../../lab/lab-folders';
import type { Express } from 'express';
import request from '../support/route-request';
import { type WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { buildApp as buildNetworkApp } from '../../servers/network/app';
import { captureLogger } from '../support/capture-logger';
import { startTestRouter, type TestRouter } from '../support/test-router';
import { tempDir, testConfig } from '../support/test-config';

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

/**
 * The network server against a simulated router, for one describe block: jest hooks start the
 * router once and close every app a test built. `network(env)` builds the server (Bearer `token`),
 * `interfaceDown` sends it an InterfaceDown for GigabitEthernet2, `shut` and `statusOf` work the
 * router's interfaces through its control port.
 */
export function networkOnRouter(token: string) {
  let running: TestRouter | undefined;
  const router = (): TestRouter => running!;
  beforeAll(async () => {
    running = await startTestRouter();
  });
  afterAll(async () => {
    await running?.close();
    if (running) fs.rmSync(running.dir, { recursive: true, force: true });
  });
  const built: WebhookApp[] = [];
  afterEach(async () => {
    for (const app of built.splice(0)) await app.close();
  });
  const network = (env: Record<string, string> = {}): Express => {
    const app = buildNetworkApp({
      config: testConfig({ ...ownFolders(), DEVICE_COMMAND_TIMEOUT_MS: '2000', ...env }),
      logger: captureLogger('network'),
      devices: [router().spec],
      remediate: { checkEveryMs: 10 },
    });
    built.push(app);
    return app.app;
  };
  const shut = (name: string, down: boolean) => router().control(`/interfaces/${name}/${down ? 'shutdown' : 'no-shutdown'}`, 'POST');
  const statusOf = async (name: string) =>
    (await router().control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find((i) => i.name === name)
      ?.status;
  const interfaceDown = (app: Express, fields: Record<string, unknown> = {}) =>
    request(app)
      .post('/events')
      .set('Authorization', `Bearer ${token}`)
      .send({ event: 'InterfaceDown', interface: 'GigabitEthernet2', ...fields });
  return { router, network, shut, statusOf, interfaceDown };
}
