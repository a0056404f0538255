import type { RequestHandler } from 'express';
import { startRequest } from './assign-request-id';
import type { HeaderList } from './security-headers';
import type { RequestCheck } from '../security/request-check';
import type { InspectFeed } from '../inspect/inspect-feed';
import { traceRequest } from '../inspect/trace-requests';
import { runWithTrace } from '../inspect/request-trace';

export interface AdmitOptions {
  /** Where traces go (GET /inspect). */
  feed: InspectFeed;
  /** Headers every answer carries: helmet's, worked out once (security-headers.ts). */
  headers: HeaderList;
  /** The checks that are switched on, in order; a check that is off is not in the list. */
  checks: readonly RequestCheck[];
}

/**
 * The first middleware, the same steps for every request, in order: a request id → a trace for
 * GET /inspect (refused requests are traced too) → the security headers → each check that is on
 * (Host name, address allow-list, this machine only) → the rest of the app, with the trace as
 * the current one. One middleware, not one per step: Express pays for every layer on every
 * request, and these steps never skip each other.
 */
export function admitRequest({ feed, headers, checks }: AdmitOptions): RequestHandler {
  return (req, res, next) => {
    startRequest(req, res);
    const trace = traceRequest(feed, req, res);
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const check of checks) check(req, res); // a refusal throws: Express hands it to the error handler
    if (trace) runWithTrace(trace, next);
    else next();
  };
}
