import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { AppError, isAppError } from '../errors';

/** How long a request waits for Redis before answering 503 (it must not hang a webhook sender). */
export const STORE_TIMEOUT_MS = 1000;

/** 503 STORE_UNAVAILABLE with Retry-After: the sender delivers again once Redis is back. */
export function storeUnavailable(cause: unknown): AppError {
  return new AppError('STORE_UNAVAILABLE', undefined, { cause, headers: { 'Retry-After': '2' } });
}

/**
 * Runs `work` against Redis within STORE_TIMEOUT_MS: when Redis is down, unreachable or too
 * slow, the request fails fast with 503 STORE_UNAVAILABLE instead of waiting. AppErrors thrown
 * by `work` itself (429, 404 …) pass through unchanged.
 */
export async function inStore<T>(redis: Redis, work: () => Promise<T>, timeoutMs = STORE_TIMEOUT_MS): Promise<T> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // Still connecting (the server just started): wait briefly. Lost and retrying: fail at once.
    if (redis.status === 'connecting' || redis.status === 'connect')
      await Promise.race([once(redis, 'ready', { signal: abort.signal }), deadline]);
    else if (redis.status !== 'ready') throw new Error(`no connection to Redis (${redis.status})`);
    return await Promise.race([work(), deadline]);
  } catch (err) {
    throw isAppError(err) ? err : storeUnavailable(err);
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
