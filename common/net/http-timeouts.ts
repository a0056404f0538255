import type http from 'node:http';

export interface HttpTimeouts {
  /** Time a client has to send its request headers. */
  headersTimeoutMs: number;
  /** Time a client has to send its whole request. */
  requestTimeoutMs: number;
  /** How long an idle kept-alive connection stays open between requests. */
  keepAliveTimeoutMs?: number;
}

/** What the lab's own listeners allow (the servers take HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS). */
export const LISTENER_TIMEOUTS: HttpTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/**
 * Slow-loris guards for `http.createServer(options, …)`: a client gets `headersTimeoutMs` to send
 * its headers and `requestTimeoutMs` for the whole request, and an idle kept-alive connection is
 * closed after `keepAliveTimeoutMs`. Node checks the first two every connectionsCheckingInterval
 * (30 s by default, so a 10 s timeout fired after ~35 s): here a fifth of the header timeout, at
 * most a second. Answered 408 where the server listens for 'clientError' (start-server.ts).
 */
export function httpTimeoutOptions(timeouts: HttpTimeouts): http.ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs ?? 5_000,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(timeouts.headersTimeoutMs / 5))),
  };
}
