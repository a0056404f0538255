import type { DeviceSpec } from '../../servers/lib/device-inventory';
import { startServer } from '../../servers/lib/start-server';
import { buildApp } from '../../servers/network/app';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { testConfig } from './test-config';

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

/** Starts a network server in this process as a copy would run: its own pool, queues, leases. */
export async function startNetworkCopy(redisUrl: string, devices: DeviceSpec[], env: Record<string, string> = {}): Promise<NetworkCopy> {
  const log = captureLogger('network');
  const config = testConfig({ REDIS_URL: redisUrl, DEVICE_CONNECT_TIMEOUT_MS: '3000', DEVICE_COMMAND_TIMEOUT_MS: '3000', ...env });
  const app = buildApp({ config, logger: log, devices, remediate: { checkEveryMs: 10 } });
  const running = await startServer(app, { config, logger: log, port: 0 });
  return { url: running.url, log, close: () => running.close(1000) };
}

/** POSTs an event (JSON) to a server and reads the whole answer. */
export async function postEvent(url: string, body: object, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
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
