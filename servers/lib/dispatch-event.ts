import crypto from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type Joi from 'joi';
import { AppError, isAppError, type ErrorDetail } from './errors';
import { parseJsonBody } from './parse-json-body';
import { envelopeSchema } from './envelope-schema';
import { elapsedMs, type EventContext } from './request-context';
import { Reply, type EventHandler, type EventResult, type WebhookEvent } from './reply';
import type { WebhookAppOptions } from './create-webhook-app';

const VALIDATION_OPTIONS: Joi.ValidationOptions = { abortEarly: false, convert: false };
const SAFE_DELIVERY_ID = /^[A-Za-z0-9._:@+-]{1,128}$/;

/** The delivery id a sender gave, from the headers the common webhook senders use. */
export function deliveryIdOf(req: Request): string | undefined {
  const id = req.get('webhook-id') ?? req.get('x-github-delivery') ?? req.get('idempotency-key');
  return id !== undefined && SAFE_DELIVERY_ID.test(id) ? id : undefined;
}

/** joi's error, one detail per failing field, in the shared error shape. */
export function validationError(error: Joi.ValidationError): AppError {
  const details: ErrorDetail[] = error.details.map((d) => ({
    field: d.path.length > 0 ? d.path.join('.') : '(body)',
    message: d.message,
    type: d.type,
  }));
  return new AppError('VALIDATION_FAILED', undefined, { details });
}

function send(res: Response, result: EventResult): number {
  if (result instanceof Reply) {
    for (const [name, value] of Object.entries(result.headers)) res.setHeader(name, value);
    res.status(result.status).json(result.body);
    return result.status;
  }
  res.status(200).json(result);
  return 200;
}

/**
 * The end of the pipeline: parse the (already authenticated) body, log it, validate it against
 * the event's schema, run the event's handler and answer. An event the server does not handle
 * is acknowledged as ignored (2xx), so a webhook sender does not retry it forever.
 */
export function dispatchEvent(options: WebhookAppOptions): RequestHandler {
  const { logger, server } = options;
  const supported = Object.keys(options.events);
  return async (req, res) => {
    const payload = parseJsonBody(res.locals.rawBody ?? Buffer.alloc(0));
    const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
    res.locals.eventName = typeof fields.event === 'string' ? fields.event.slice(0, 64) : undefined;
    logger.log('WEBHOOK_RECEIVED', {
      event: res.locals.eventName,
      device: typeof fields.device === 'string' ? fields.device.slice(0, 64) : undefined,
      interface: typeof fields.interface === 'string' ? fields.interface.slice(0, 64) : undefined,
      bytes: res.locals.rawBody?.length ?? 0,
      source: req.ip,
      auth: res.locals.authMethod,
      request_id: res.locals.requestId,
    });

    const name = res.locals.eventName ?? '';
    const canonical = options.aliases?.[name] ?? name;
    const handler: EventHandler | undefined = options.events[canonical] ?? options.anyEvent;
    const { value, error } = (handler?.schema ?? envelopeSchema).validate(payload, VALIDATION_OPTIONS);
    if (error) throw validationError(error);

    const ctx: EventContext = {
      id: crypto.randomUUID(),
      requestId: res.locals.requestId,
      source: req.ip ?? 'unknown',
      receivedAt: new Date(),
      deliveryId: deliveryIdOf(req),
      authenticated: res.locals.authMethod !== undefined && res.locals.authMethod !== 'none',
      headers: req.headers,
      log: logger.log,
    };
    let status: number;
    try {
      const result: EventResult = handler
        ? await handler.handle(value as WebhookEvent, ctx)
        : { status: 'ignored', reason: `The ${server} server does not handle ${name} events.`, supported, id: ctx.id };
      status = send(res, result);
    } catch (err) {
      const code = isAppError(err) ? err.code : 'INTERNAL';
      logger.log('WEBHOOK_PROCESSED', { event: name, outcome: 'error', code, duration_ms: elapsedMs(res.locals.startedAt), request_id: ctx.requestId });
      throw err;
    }
    const outcome = handler ? 'ok' : 'ignored';
    logger.log('WEBHOOK_PROCESSED', { event: name, outcome, status, duration_ms: elapsedMs(res.locals.startedAt), request_id: ctx.requestId });
  };
}
