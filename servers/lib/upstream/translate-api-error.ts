import axios from 'axios';
import { AppError } from '../errors';

/**
 * Connection errors that mean "there is nothing there": no DNS answer, a refused port, no route.
 * Retrying them in a few hundred milliseconds changes nothing, so the client fails at once.
 */
export const FAIL_FAST_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** axios reports its own timeout as ETIMEDOUT (with clarifyTimeoutError) or ECONNABORTED. */
export function isTimeout(err: { code?: string }): boolean {
  return err.code === 'ETIMEDOUT' || err.code === 'ECONNABORTED';
}

export interface ApiErrorContext {
  api: string;
  path: string;
  timeoutMs: number;
}

/**
 * Turns whatever axios threw into the error table's UPSTREAM_* codes, keeping the original as
 * `cause` (the log gets the detail, the webhook sender a clear message).
 */
export function translateApiError(err: unknown, { api, path, timeoutMs }: ApiErrorContext): AppError {
  if (err instanceof AppError) return err;
  if (!axios.isAxiosError(err)) return new AppError('UPSTREAM_UNAVAILABLE', `${api} failed: ${String(err)}`, { cause: err });
  if (isTimeout(err)) {
    return new AppError('UPSTREAM_TIMEOUT', `${api} did not answer ${path} within ${timeoutMs} ms.`, { cause: err });
  }
  const status = err.response?.status;
  if (status !== undefined) {
    const code = status === 429 || status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_BAD_RESPONSE';
    return new AppError(code, `${api} answered ${path} with HTTP ${status}.`, { cause: err });
  }
  if (err.code === 'ERR_BAD_RESPONSE' || err.code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return new AppError('UPSTREAM_BAD_RESPONSE', `${api} answered ${path} with something unusable (${err.message}).`, { cause: err });
  }
  return new AppError('UPSTREAM_UNAVAILABLE', `${api} could not be reached (${err.message || err.code}).`, { cause: err });
}
