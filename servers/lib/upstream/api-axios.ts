import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type { EventLogger } from '../../../common/logging/create-logger';
import { publishUpstreamActivity } from '../observe/upstream-activity';
import { msSince } from '../ms-since';
import { FAIL_FAST_CODES, isTimeout } from './translate-api-error';

/** icanhazdadjoke asks every client to name itself: https://icanhazdadjoke.com/api#custom-user-agent */
export const USER_AGENT = 'hooklab/0.1 (TypeScript teaching kit for webhooks and event-driven network automation)';

declare module 'axios' {
  interface AxiosRequestConfig {
    /** Attempts made so far by this call; axios-retry copies the config into each retry. */
    hooklabAttempt?: number;
  }
}

const MAX_RETRY_AFTER_MS = 2000;
const startedAt = new WeakMap<InternalAxiosRequestConfig, bigint>();

/** Retry only what may succeed next time: dropped connections, 429 and 5xx on a GET. */
function shouldRetry(error: AxiosError): boolean {
  if (error.config?.method !== 'get' || isTimeout(error)) return false;
  if (error.response) return error.response.status === 429 || error.response.status >= 500;
  // A name that does not resolve or a port that refuses will do the same in 200 ms: fail fast.
  return error.code !== undefined && !FAIL_FAST_CODES.has(error.code) && error.code !== 'ERR_CANCELED';
}

/** Counts each attempt, then logs it as API_CALL (and announces it to watchers) when it ends. */
function logEachAttempt(client: AxiosInstance, api: string, logger: EventLogger): void {
  // Registered before axios-retry so each attempt is logged before the retry decision.
  client.interceptors.request.use((config) => {
    config.hooklabAttempt = (config.hooklabAttempt ?? 0) + 1;
    startedAt.set(config, process.hrtime.bigint());
    return config;
  });
  const logAttempt = (config: InternalAxiosRequestConfig | undefined, status: number | undefined, code?: string): void => {
    const started = config && startedAt.get(config);
    const duration = started === undefined ? undefined : msSince(started);
    const attempt = config?.hooklabAttempt ?? 1;
    logger.log('API_CALL', {
      api,
      method: 'GET',
      path: config?.url,
      status,
      error: code,
      duration_ms: duration,
      attempt: config?.hooklabAttempt,
    });
    publishUpstreamActivity({ type: 'attempt', url: config ? axios.getUri(config) : '?', status, code, attempt, durationMs: duration });
  };
  client.interceptors.response.use(
    (res) => {
      logAttempt(res.config, res.status);
      return res;
    },
    (err: AxiosError) => {
      logAttempt(err.config, err.response?.status, err.response ? undefined : err.code);
      throw err;
    },
  );
}

export interface ApiAxiosOptions {
  api: string;
  baseURL: string;
  timeoutMs: number;
  logger: EventLogger;
  retries: number;
  retryBaseMs: number;
}

/**
 * The axios instance behind createApiClient: keep-alive sockets with Nagle off, a timeout for
 * the whole call, an API_CALL line per attempt, retries with exponential backoff (axios-retry).
 * `close` destroys the sockets.
 */
export function createApiAxios(options: ApiAxiosOptions): { client: AxiosInstance; close(): void } {
  const httpAgent = new http.Agent({ keepAlive: true, noDelay: true });
  const httpsAgent = new https.Agent({ keepAlive: true, noDelay: true });
  const client = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    httpAgent,
    httpsAgent,
    maxRedirects: 3,
    maxContentLength: 1024 * 1024,
    headers: { Accept: 'application/json', 'User-Agent': USER_AGENT },
    transitional: { clarifyTimeoutError: true }, // timeouts become ETIMEDOUT, distinct from aborts
  });
  logEachAttempt(client, options.api, options.logger);
  axiosRetry(client, {
    retries: options.retries,
    retryCondition: shouldRetry,
    // The whole call stays inside timeoutMs: axios-retry shortens each retry's timeout.
    shouldResetTimeout: false,
    retryDelay: (retry, error) => Math.min(axiosRetry.exponentialDelay(retry - 1, error, options.retryBaseMs), MAX_RETRY_AFTER_MS),
  });
  return {
    client,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
