import crypto from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Log } from './log-line';

/** One detail of an error, e.g. one field that failed validation. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/**
 * An error that already knows its answer: throw it from a handler (Express 5 passes a rejected
 * promise on too) and `finishApp`'s error handler sends it in the lab's error shape.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The lab's one error shape: `{"error":{"code","message","details"},"request_id"}`. */
export function sendError(res: Response, status: number, code: string, message: string, details: ErrorDetail[] = []): void {
  res.status(status).json({ error: { code, message, details }, request_id: crypto.randomUUID() });
}

/** What a starter answers where your code goes. */
export function notImplemented(res: Response, step: number): void {
  sendError(res, 501, 'NOT_IMPLEMENTED', `step ${step}: not implemented yet`, [
    { message: `Write this part: INSTRUCTIONS.md, "Step ${step}", "Build it".` },
  ]);
}

// What body-parser (express.json / express.raw) reports, as the lab's codes.
const BODY_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  'entity.parse.failed': { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  'charset.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the event as JSON in UTF-8.' },
  'encoding.unsupported': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'That content encoding is not supported.' },
};

/**
 * The end of every exercise app from step 2 on (step 1 is where you write this yourself):
 * other methods on /events answer 405, unknown paths 404, and every error becomes a JSON answer.
 * Call it after your routes: Express tries handlers in the order they were added.
 */
export function finishApp(app: Express, log: Log): void {
  app.all('/events', (req: Request, res: Response) => {
    res.set('Allow', 'POST');
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on /events; send POST.`);
  });
  app.use((req: Request, res: Response) => {
    sendError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${req.path}.`);
  });
  // Four arguments: that is how Express tells an error handler from a route.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof HttpError) return sendError(res, err.status, err.code, err.message, err.details);
    const known = BODY_ERRORS[(err as { type?: string }).type ?? ''];
    if (known) return sendError(res, known.status, known.code, known.message);
    // Anything else is our bug: the detail goes to the log, the sender gets a generic message.
    log('ERROR', { path: req.path, reason: err instanceof Error ? err.message : String(err) });
    sendError(res, 500, 'INTERNAL', 'Something went wrong on our side.');
  });
}
