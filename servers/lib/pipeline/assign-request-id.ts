import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

// A caller's X-Request-Id is kept only when it is a short plain token (it is echoed in logs).
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * What every request gets first, so every answer and log line can be tied to it: a request id
 * (the caller's, if it is a plain token), its arrival time, and the client's address. `req.ip`
 * works the address out again on each read, so it is read once, here.
 */
export function startRequest(req: Request, res: Response): void {
  const given = req.headers['x-request-id'];
  res.locals.requestId = typeof given === 'string' && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
  res.locals.startedAt = process.hrtime.bigint();
  res.locals.source = req.ip ?? 'unknown';
  res.setHeader('X-Request-Id', res.locals.requestId);
}

/** startRequest as a middleware of its own, for an app without the webhook pipeline (the lab dashboard). */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    startRequest(req, res);
    next();
  };
}
