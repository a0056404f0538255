import fs from 'node:fs';
import path from 'node:path';
import request from './route-request';
import type { Express } from 'express';
import { buildApp, type NetworkDeps } from '../../servers/network/app';
import type { WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { testConfig } from './test-config';
import { captureLogger, type CapturedLogger } from './capture-logger';
import { startTestRouter, type TestRouter } from './test-router';

export const TOKEN = 'network-test-token';

/** A payload file from payloads/, as the curl examples send it. */
export const payload = (name: string): object => JSON.parse(fs.readFileSync(path.join(__dirname, '../../payloads', name), 'utf8'));

export interface NetworkTestKit {
  /** The simulated Router1 of this test file (started in beforeAll). */
  router(): TestRouter;
  /** A network app on that router, closed after the test. */
  setup(env?: Record<string, string>, deps?: Partial<NetworkDeps>): { app: Express; log: CapturedLogger; web: WebhookApp };
  post(app: Express, body: object, token?: string): request.Test;
  /** The router's own counters (GET /stats on its control port). */
  stats(): Promise<{ sessions_opened: number; commands: number }>;
  /** Every logger setup() handed out, for checks across tests. */
  loggers: CapturedLogger[];
}

/** Registers the hooks of a network-server test file: one router per file, apps closed after each test. */
export function useNetworkTestKit(): NetworkTestKit {
  let router: TestRouter | undefined;
  const built: WebhookApp[] = [];
  const loggers: CapturedLogger[] = [];
  beforeAll(async () => {
    router = await startTestRouter();
  });
  afterEach(async () => {
    for (const app of built.splice(0)) await app.close();
  });
  afterAll(() => router?.close());
  const current = (): TestRouter => {
    if (!router) throw new Error('the router starts in beforeAll');
    return router;
  };
  return {
    router: current,
    loggers,
    setup(env = {}, deps = {}) {
      const log = captureLogger('network');
      loggers.push(log);
      const config = testConfig({ DEVICE_CONNECT_TIMEOUT_MS: '3000', DEVICE_COMMAND_TIMEOUT_MS: '2000', ...env });
      const network = buildApp({ config, logger: log, devices: [current().spec], remediate: { checkEveryMs: 10 }, ...deps });
      built.push(network);
      return { app: network.app, log, web: network };
    },
    post(app, body, token) {
      const req = request(app).post('/events').send(body);
      return token ? req.set('Authorization', `Bearer ${token}`) : req;
    },
    stats: () => current().control('/stats'),
  };
}
