import type { Request, Response } from 'express';
import { msSince } from '../ms-since';
import { RequestTrace } from './request-trace';
import type { InspectFeed } from './inspect-feed';

/**
 * Gives a request its trace (`res.locals.trace`) and hands the trace to the feed once the
 * answer has gone, refused requests included. The inspector's own requests are not traced:
 * watching the feed would otherwise fill it.
 */
export function traceRequest(feed: InspectFeed, req: Request, res: Response): RequestTrace | undefined {
  if (req.url.startsWith('/inspect')) return undefined;
  const trace = new RequestTrace(res.locals.requestId, res.locals.startedAt);
  res.locals.trace = trace;
  // 'close' comes once: after the answer was sent, or when the client went away first.
  res.once('close', () => {
    trace.done = {
      method: req.method,
      url: req.originalUrl.slice(0, 300),
      source: res.locals.source,
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
  return trace;
}
