import type { RequestHandler } from 'express';
import { rateLimit, type RateLimitInfo } from 'express-rate-limit';
import { AppError } from './errors';
import type { EventLogger } from './create-logger';

/**
 * Per-client-address rate limit (express-rate-limit, one-minute fixed window). The client
 * address is `req.ip`, so TRUST_PROXY decides whether X-Forwarded-For counts, here and in the
 * allow-list alike.
 */
export function limitRate(perMinute: number, logger: EventLogger): RequestHandler {
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
      logger.log('SECURITY', { reason: 'rate_limited', source: req.ip, path: req.path, request_id: res.locals.requestId });
      next(new AppError('RATE_LIMITED', `More than ${perMinute} requests a minute; retry in ${retryAfter} s.`, {
        headers: { 'Retry-After': retryAfter },
      }));
    },
  });
}
