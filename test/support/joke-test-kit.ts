import request from './route-request';
import type { Express } from 'express';
import type { WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { buildApp } from '../../servers/joke/app';
import { createApiClient, type ApiClient } from '../../servers/lib/upstream/create-api-client';
import { captureLog, type CapturedLog } from '../../servers/fake-apis/capture-log';
import { testConfig } from './test-config';

/** What the joke route tests' stand-in serves, so an API answer is told apart from an offline one. */
export const API_JOKES = [
  { id: 'api-1', joke: 'The API cat jumped over the firewall.' },
  { id: 'api-2', joke: 'An API joke about nothing in particular.' },
];

export interface JokeTestApp {
  app: Express;
  /** The built server, for its live view and close(). */
  web: WebhookApp;
  log: CapturedLog;
  client: ApiClient;
}

/** A joke server on `apiUrl` with a short retry delay, its logs readable, its journal in a temp dir. */
export function setupJokeApp(env: Record<string, string>, apiUrl: string): JokeTestApp {
  const log = captureLog('joke');
  const config = testConfig({ JOKE_API_URL: apiUrl, UPSTREAM_TIMEOUT_MS: '2000', ...env });
  const client = createApiClient({
    api: 'icanhazdadjoke',
    baseURL: apiUrl,
    timeoutMs: config.upstreamTimeoutMs,
    logger: log.logger,
    retryBaseMs: 5,
  });
  const web = buildApp({ config, logger: log.logger, apiClient: client });
  return { app: web.app, web, log, client };
}

export const postEvent = (app: Express, body: unknown) =>
  request(app)
    .post('/events')
    .send(body as object);
