import fs from 'node:fs';
import path from 'node:path';
import type { DeviceSpec } from '../../common/inventory/device-inventory';
import { loadConfig } from '../../servers/lib/config/load-config';
import { startServer } from '../../servers/lib/server/start-server';
import { buildApp } from '../../servers/network/app';
import { captureLogger, type CapturedLogger } from './capture-logger';

/** One copy of the network server, listening on its own port, sharing Redis with the others. */
export interface NetworkCopy {
  url: string;
  log: CapturedLogger;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * Starts a network server in this process as a copy would run: its own pool, queues, leases.
 * Its logs, backups and known_hosts go in a folder of its own under `dir` (the test removes `dir`).
 */
export async function startNetworkCopy(
  redisUrl: string,
  devices: DeviceSpec[],
  dir: string,
  env: Record<string, string> = {},
): Promise<NetworkCopy> {
  const log = captureLogger('network');
  const own = fs.mkdtempSync(path.join(dir, 'copy-'));
  const config = loadConfig({
    RATE_LIMIT_PER_MIN: '0',
    LOG_DIR: own,
    BACKUP_DIR: path.join(own, 'backups'),
    KNOWN_HOSTS_FILE: path.join(own, 'known_hosts'),
    REDIS_URL: redisUrl,
    DEVICE_CONNECT_TIMEOUT_MS: '3000',
    DEVICE_COMMAND_TIMEOUT_MS: '3000',
    ...env,
  });
  const app = buildApp({ config, logger: log, devices, remediate: { checkEveryMs: 10 } });
  const running = await startServer(app, { config, logger: log, port: 0 });
  return { url: running.url, log, close: () => running.close(1000) };
}

/** POSTs an event (JSON) to a server and reads the whole answer. */
export async function postEvent(url: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

export async function getJson(url: string): Promise<Answer> {
  const res = await fetch(url);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Reads GET /jobs/:id until the job is no longer running. */
export async function finishedJob(url: string, id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await getJson(`${url}/jobs/${id}`);
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
