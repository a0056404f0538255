import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, isAppError } from '../errors';
import type { EventLogger } from '../../../common/logging/create-logger';
import { publishProgress } from '../observe/pipeline-progress';

/** The shared error shape every 4xx/5xx carries. */
export interface ErrorBody {
  error: { code: string; message: string; details: unknown[] };
  request_id: string;
}

function toAppError(err: unknown): AppError {
  return isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
}

/** Unknown paths: 404 in the shared shape. */
export function notFound(): RequestHandler {
  return (req) => {
    throw new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}.`.slice(0, 200));
  };
}

/**
 * A known path with the wrong method: 405 with Allow (RFC 9110 §15.5.6). OPTIONS gets the
 * Allow list with 204, as HTTP expects.
 */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  const allow = allowed.join(', ');
  return (req, res) => {
    if (req.method === 'OPTIONS') {
      res.setHeader('Allow', allow);
      res.status(204).end();
      return;
    }
    throw new AppError('METHOD_NOT_ALLOWED', `Use ${allow} on ${req.path}.`.slice(0, 200), { headers: { Allow: allow } });
  };
}

/**
 * The one place errors become HTTP: the code picks the status from the table; a 5xx answers
 * with a generic message while the stack goes to the log only.
 */
export function errorHandler(logger: EventLogger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const appError = toAppError(err);
    const requestId = res.locals.requestId ?? 'unknown';
    if (appError.code === 'INTERNAL') {
      // Only the unexpected needs a stack; UPSTREAM_*/DEVICE_* failures were logged where they
      // happened (API_ERROR, DEVICE_ERROR) and in WEBHOOK_PROCESSED.
      const cause = appError.cause instanceof Error ? appError.cause : appError;
      logger.log('ERROR', { code: appError.code, request_id: requestId, error: cause.message, stack: cause.stack });
    } else if (appError.status < 500 && req.path === '/events' && req.method === 'POST' && !res.locals.refusalLogged) {
      logger.log('WEBHOOK_REJECTED', {
        code: appError.code,
        status: appError.status,
        event: res.locals.eventName,
        source: res.locals.source,
        request_id: requestId,
      });
    }
    for (const [name, value] of Object.entries(appError.headers)) res.setHeader(name, value);
    const body: ErrorBody = {
      error: { code: appError.code, message: appError.message, details: appError.details },
      request_id: requestId,
    };
    publishProgress({ type: 'failed', res, error: appError, body });
    res.status(appError.status).json(body);
  };
}
