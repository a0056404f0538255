import type { Request, RequestHandler, Response } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { AppError } from '../errors';
import type { RefusalLog } from './refusal-log';

/** The two halves of the rate limit, at their two places in the pipeline. */
export interface RateLimits {
  /** App-wide, before any body is read: every request that carries no credential. */
  beforeAuthentication: RequestHandler;
  /**
   * POST /events, once its credential was checked: counts the request in its budget (see
   * limitRate); rejects with RATE_LIMITED when that budget is spent.
   */
  afterAuthentication: (req: Request, res: Response) => Promise<void>;
}

/** True when the request offers a token or a signature (valid or not). */
export function carriesCredential(req: Request): boolean {
  return (
    req.headers.authorization !== undefined ||
    req.headers['x-hub-signature-256'] !== undefined ||
    req.headers['webhook-signature'] !== undefined
  );
}

/** One budget: requests per client address per minute (express-rate-limit, fixed window). */
function budget(perMinute: number, refusals: RefusalLog, name: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // /health stays reachable so a monitor never sees a limited server as a dead one.
    skip: (req) => req.path === '/health',
    handler: (req, res, next) => {
      // express-rate-limit puts its counters on req.rateLimit (its documented requestPropertyName).
      const info = (req as typeof req & { rateLimit?: RateLimitInfo }).rateLimit;
      const resetTime = info?.resetTime?.getTime() ?? Date.now() + 60_000;
      const retryAfter = String(Math.max(1, Math.ceil((resetTime - Date.now()) / 1000)));
      refusals.refuse(req, res, 'rate_limited', { budget: name });
      next(
        new AppError('RATE_LIMITED', `More than ${perMinute} requests a minute; retry in ${retryAfter} s.`, {
          headers: { 'Retry-After': retryAfter },
        }),
      );
    },
  });
}

/**
 * Per-client-address rate limit (RATE_LIMIT_PER_MIN). The client address is `req.ip`, so
 * TRUST_PROXY decides whether X-Forwarded-For counts, here and in the allow-list alike.
 *
 * With authentication on, senders that proved who they are get a budget of their own: a flood
 * of unsigned (or wrongly signed) POSTs from the router's address must not get the router's own
 * signed webhooks refused. So a request with no credential is counted at once, before its body
 * is read (cheap to refuse); one that carries a credential is counted after it was checked —
 * against the authenticated budget if it was valid, the unauthenticated one if not.
 */
export function limitRate(perMinute: number, refusals: RefusalLog, authentication: boolean): RateLimits {
  const unauthenticated = budget(perMinute, refusals, 'unauthenticated');
  const authenticated = budget(perMinute, refusals, 'authenticated');
  // Only POST /events checks credentials (and so can count them later); every other request is counted here.
  const countedLater = (req: Request): boolean =>
    authentication && req.method === 'POST' && req.path === '/events' && carriesCredential(req);
  return {
    beforeAuthentication: (req, res, next) => (countedLater(req) ? next() : unauthenticated(req, res, next)),
    afterAuthentication: (req, res) =>
      new Promise<void>((resolve, reject) => {
        if (!countedLater(req)) return resolve();
        const proved = res.locals.authMethod !== undefined && res.locals.authMethod !== 'none';
        void (proved ? authenticated : unauthenticated)(req, res, (err?: unknown) => (err ? reject(err as Error) : resolve()));
      }),
  };
}
