import { isAppError } from '../errors';
import type { EventLogger } from '../../../common/logging/create-logger';
import { publishUpstreamActivity } from '../observe/upstream-activity';

export interface CircuitBreakerOptions {
  /** The upstream it guards, for log lines and reasons (e.g. 'icanhazdadjoke'). */
  api: string;
  /** OFFLINE_FALLBACK: when false, failures reach the caller and nothing is remembered. */
  enabled: boolean;
  /** OFFLINE_RETRY_S in ms: how long an upstream found down is skipped. 0 = try it every time. */
  openForMs: number;
  logger: EventLogger;
  /** Clock (ms), injectable for tests. */
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** Runs upstream calls, answering from a fallback while the upstream is known to be down. */
export interface CircuitBreaker {
  /**
   * Calls `primary`; on an upstream failure (UPSTREAM_* errors) or while the circuit is open,
   * answers `fallback(reason)` instead. Other errors (e.g. NOT_FOUND) pass through: the upstream
   * did answer.
   */
  run<T>(primary: () => Promise<T>, fallback: (reason: string) => Promise<T> | T): Promise<T>;
  state(): BreakerState;
}

const UPSTREAM_CODES = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'UPSTREAM_BAD_RESPONSE']);

function isUpstreamFailure(err: unknown): err is Error {
  return isAppError(err) && UPSTREAM_CODES.has(err.code);
}

/**
 * A small circuit breaker (closed → open → half-open, as in Fowler's "CircuitBreaker" and
 * opossum's `fallback`): one failure opens it for `openForMs`; after that a single trial call
 * goes upstream while concurrent calls keep answering from the fallback; success closes it.
 * It exists so a classroom with no internet gets instant answers instead of a timeout per event.
 */
export function createCircuitBreaker(options: CircuitBreakerOptions): CircuitBreaker {
  const { api, enabled, openForMs, logger } = options;
  const now = options.now ?? Date.now;
  let openedAt: number | undefined;
  let lastError = '';
  let trialRunning = false;

  function state(): BreakerState {
    if (openedAt === undefined) return 'closed';
    if (now() - openedAt < openForMs || trialRunning) return 'open';
    return 'half-open';
  }

  async function fallBack<T>(reason: string, fallback: (reason: string) => Promise<T> | T): Promise<T> {
    logger.log('API_CALL', { api: 'offline', fallback_for: api, reason });
    publishUpstreamActivity({ type: 'fallback', api, reason });
    return fallback(reason);
  }

  async function run<T>(primary: () => Promise<T>, fallback: (reason: string) => Promise<T> | T): Promise<T> {
    if (!enabled) return primary();
    const current = state();
    if (current === 'open') {
      const agoS = Math.round((now() - (openedAt ?? 0)) / 1000);
      const retryInS = Math.max(0, Math.ceil(openForMs / 1000 - agoS));
      return fallBack(`${lastError} ${agoS} s ago; trying it again in ${retryInS} s.`, fallback);
    }
    const isTrial = current === 'half-open';
    if (isTrial) trialRunning = true;
    try {
      const value = await primary();
      openedAt = undefined;
      return value;
    } catch (err) {
      if (!isUpstreamFailure(err)) {
        openedAt = undefined; // the upstream answered; the answer just was not a success
        throw err;
      }
      lastError = err.message.replace(/\.$/, '');
      if (openForMs > 0) openedAt = now();
      return fallBack(err.message, fallback);
    } finally {
      if (isTrial) trialRunning = false;
    }
  }

  return { run, state };
}
