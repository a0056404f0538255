import crypto from 'node:crypto';
import type { RequestHandler } from 'express';

// A caller's X-Request-Id is kept only when it is a short plain token (it is echoed in logs).
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** First in the pipeline: every answer and log line can be tied to one request id. */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    res.locals.requestId = given && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
    res.locals.startedAt = process.hrtime.bigint();
    res.setHeader('X-Request-Id', res.locals.requestId);
    next();
  };
}
