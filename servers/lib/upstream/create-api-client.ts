import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosError, type InternalAxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
import type Joi from 'joi';
import type { EventLogger } from '../../../common/logging/create-logger';
import { translateApiError, FAIL_FAST_CODES, isTimeout } from './translate-api-error';
import { AppError } from '../errors';
import { currentTrace, recordHandlerSteps } from '../inspect/request-trace';
import { msSince } from '../ms-since';

/** icanhazdadjoke asks every client to name itself: https://icanhazdadjoke.com/api#custom-user-agent */
export const USER_AGENT = 'hooklab/0.1 (TypeScript teaching kit for webhooks and event-driven network automation)';

export interface ApiClientOptions {
  /** Short name of the upstream, used in log lines and error messages (e.g. 'icanhazdadjoke'). */
  api: string;
  baseURL: string;
  /** UPSTREAM_TIMEOUT_MS: the budget of one getJson call, retries included. */
  timeoutMs: number;
  logger: EventLogger;
  /** Retries after the first attempt (default 2). */
  retries?: number;
  /** First backoff delay; doubles per retry, plus up to 20 % jitter (default 200 ms). */
  retryBaseMs?: number;
}

export interface GetJsonOptions {
  /** Non-2xx statuses whose JSON body is an answer, not a failure (e.g. 404 "deck not found"). */
  acceptStatus?: number[];
}

/** The one way servers call public APIs. */
export interface ApiClient {
  readonly api: string;
  /** GETs `path`, validates the JSON body with `schema` and returns the validated value. */
  getJson<T>(path: string, params: Record<string, string | number> | undefined, schema: Joi.Schema, options?: GetJsonOptions): Promise<T>;
  /** Closes the keep-alive sockets (the server's close hook calls it). */
  close(): void;
}

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

/**
 * Creates the axios client every server uses for public APIs: keep-alive sockets with Nagle off,
 * a timeout, retries with exponential backoff (axios-retry), an API_CALL log line per attempt and
 * API_ERROR on failure, and failures translated to UPSTREAM_* AppErrors with the axios error as
 * `cause`.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { api, logger, timeoutMs } = options;
  const retryBaseMs = options.retryBaseMs ?? 200;
  recordHandlerSteps(); // each attempt shows in the live view (GET /inspect)
  const httpAgent = new http.Agent({ keepAlive: true, noDelay: true });
  const httpsAgent = new https.Agent({ keepAlive: true, noDelay: true });
  const client = axios.create({
    baseURL: options.baseURL,
    timeout: timeoutMs,
    httpAgent,
    httpsAgent,
    maxRedirects: 3,
    maxContentLength: 1024 * 1024,
    headers: { Accept: 'application/json', 'User-Agent': USER_AGENT },
    transitional: { clarifyTimeoutError: true }, // timeouts become ETIMEDOUT, distinct from aborts
  });

  // Registered before axios-retry so each attempt is logged before the retry decision.
  client.interceptors.request.use((config) => {
    config.hooklabAttempt = (config.hooklabAttempt ?? 0) + 1;
    startedAt.set(config, process.hrtime.bigint());
    return config;
  });
  const logAttempt = (config: InternalAxiosRequestConfig | undefined, status: number | undefined, code?: string): void => {
    const started = config && startedAt.get(config);
    const duration = started === undefined ? undefined : msSince(started);
    logger.log('API_CALL', {
      api,
      method: 'GET',
      path: config?.url,
      status,
      error: code,
      duration_ms: duration,
      attempt: config?.hooklabAttempt,
    });
    // The live view (GET /inspect) shows each attempt with its full URL.
    currentTrace()?.addStep({
      kind: 'api',
      ok: status !== undefined && status < 400,
      text: `GET ${config ? axios.getUri(config) : '?'} → ${status ?? code} (attempt ${config?.hooklabAttempt ?? 1})`,
      duration_ms: duration,
    });
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
  axiosRetry(client, {
    retries: options.retries ?? 2,
    retryCondition: shouldRetry,
    // The whole call stays inside timeoutMs: axios-retry shortens each retry's timeout.
    shouldResetTimeout: false,
    retryDelay: (retry, error) => Math.min(axiosRetry.exponentialDelay(retry - 1, error, retryBaseMs), MAX_RETRY_AFTER_MS),
  });

  async function getJson<T>(
    path: string,
    params: Record<string, string | number> | undefined,
    schema: Joi.Schema,
    opts: GetJsonOptions = {},
  ): Promise<T> {
    const accepted = opts.acceptStatus ?? [];
    try {
      const res = await client.get<unknown>(path, {
        params,
        validateStatus: (status) => (status >= 200 && status < 300) || accepted.includes(status),
      });
      const { value, error } = schema.validate(res.data, { allowUnknown: true, convert: false });
      if (error) {
        const what = typeof res.data === 'string' ? `not JSON but ${String(res.headers['content-type'] ?? 'untyped text')}` : error.message;
        throw new AppError('UPSTREAM_BAD_RESPONSE', `${api} answered ${path} with an unexpected body (${what}).`, { cause: error });
      }
      return value as T;
    } catch (err) {
      const appError = translateApiError(err, { api, path, timeoutMs });
      const config = (err as AxiosError).config;
      logger.log('API_ERROR', { api, path, code: appError.code, reason: appError.message, attempts: config?.hooklabAttempt ?? 1 });
      currentTrace()?.addStep({
        kind: 'api',
        ok: false,
        text: `${api} failed after ${config?.hooklabAttempt ?? 1} attempt(s): ${appError.code}: ${appError.message}`,
      });
      throw appError;
    }
  }

  return {
    api,
    getJson,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
