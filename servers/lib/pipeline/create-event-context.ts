import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { EventContext } from './request-context';

const SAFE_DELIVERY_ID = /^[A-Za-z0-9._:@+-]{1,128}$/;

/** The delivery id a sender gave, from the headers the common webhook senders use. */
export function deliveryIdOf(req: Request): string | undefined {
  const id = req.get('webhook-id') ?? req.get('x-github-delivery') ?? req.get('idempotency-key');
  return id !== undefined && SAFE_DELIVERY_ID.test(id) ? id : undefined;
}

/** What every handler is handed about this event. */
export function eventContext(req: Request, res: Response, body: Buffer, logger: EventLogger): EventContext {
  return {
    id: crypto.randomUUID(),
    requestId: res.locals.requestId,
    source: res.locals.source,
    receivedAt: new Date(),
    deliveryId: deliveryIdOf(req),
    authenticated: res.locals.authMethod !== undefined && res.locals.authMethod !== 'none',
    headers: req.headers,
    rawBody: body,
    log: logger.log,
  };
}
