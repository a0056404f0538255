import request from './route-request';
import type { Express } from 'express';
import { buildApp } from '../../servers/card/app';
import { createApiClient, type ApiClient } from '../../servers/lib/upstream/create-api-client';
import { captureLog, type CapturedLog } from '../../servers/fake-apis/capture-log';
import { testConfig } from './test-config';

export interface CardTestApp {
  app: Express;
  log: CapturedLog;
  client: ApiClient;
}

/** A card server on `apiUrl` with a short retry delay, its logs readable, its journal in a temp dir. */
export function setupCardApp(env: Record<string, string>, apiUrl: string): CardTestApp {
  const log = captureLog('card');
  const config = testConfig({ CARD_API_URL: apiUrl, UPSTREAM_TIMEOUT_MS: '2000', ...env });
  const client = createApiClient({
    api: 'deckofcardsapi',
    baseURL: apiUrl,
    timeoutMs: config.upstreamTimeoutMs,
    logger: log.logger,
    retryBaseMs: 5,
  });
  return { app: buildApp({ config, logger: log.logger, apiClient: client }).app, log, client };
}

export const drawCards = (app: Express, body: Record<string, unknown> = {}) =>
  request(app)
    .post('/events')
    .send({ event: 'CardDraw', ...body });
