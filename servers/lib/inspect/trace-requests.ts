import type { RequestHandler } from 'express';
import { msSince } from '../ms-since';
import { RequestTrace, runWithTrace } from './request-trace';
import type { InspectFeed } from './inspect-feed';

/**
 * Second in the pipeline (after the request id): gives every request a trace, runs the rest of
 * the pipeline with it as the current trace, and hands it to the feed once the answer has gone —
 * refused requests included. The inspector's own requests are not traced: watching the feed
 * would otherwise fill it.
 */
export function traceRequests(feed: InspectFeed): RequestHandler {
  return (req, res, next) => {
    if (req.url.startsWith('/inspect')) return next();
    const trace = new RequestTrace(res.locals.requestId, res.locals.startedAt);
    res.locals.trace = trace;
    // 'close' comes once: after the answer was sent, or when the client went away first.
    res.on('close', () => {
      trace.done = {
        method: req.method,
        url: req.originalUrl.slice(0, 300),
        source: req.ip ?? 'unknown',
        headers: req.headers,
        body: res.locals.rawBody,
        authMethod: res.locals.authMethod,
        eventName: res.locals.eventName,
        status: res.statusCode,
        durationMs: msSince(res.locals.startedAt),
        aborted: !res.writableFinished,
        rateLimit: res.getHeader('ratelimit') as string | undefined,
      };
      feed.publish(trace);
    });
    runWithTrace(trace, next);
  };
}
