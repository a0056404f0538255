import type { AxiosError } from 'axios';
import type Joi from 'joi';
import type { EventLogger } from '../../../common/logging/create-logger';
import { translateApiError } from './translate-api-error';
import { AppError } from '../errors';
import { publishUpstreamActivity } from '../observe/upstream-activity';
import { createApiAxios } from './api-axios';

export { USER_AGENT } from './api-axios';

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

/**
 * The client every server uses for public APIs: `getJson` GETs a path over the axios instance of
 * api-axios.ts (keep-alive, a timeout, retries, an API_CALL line per attempt), validates the
 * JSON with a joi schema, and turns every failure into an UPSTREAM_* AppError with the axios
 * error as `cause` (and an API_ERROR line).
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { api, logger, timeoutMs } = options;
  const { client, close } = createApiAxios({
    api,
    baseURL: options.baseURL,
    timeoutMs,
    logger,
    retries: options.retries ?? 2,
    retryBaseMs: options.retryBaseMs ?? 200,
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
      publishUpstreamActivity({
        type: 'failed',
        api,
        attempts: config?.hooklabAttempt ?? 1,
        code: appError.code,
        message: appError.message,
      });
      throw appError;
    }
  }

  return { api, getJson, close };
}
