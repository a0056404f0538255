import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type Joi from 'joi';
import { AppError, isAppError, type ErrorDetail } from '../errors';
import { parseJsonBody } from './parse-json-body';
import { redactSecretText } from '../../../common/logging/redact-secrets';
import { envelopeSchema } from './envelope-schema';
import type { EventContext } from './request-context';
import { msSince } from '../ms-since';
import { Reply } from './reply';
import type { EventHandler, EventResult, ServerEvents, WebhookEvent } from './event-handler';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { ServerName } from '../config/load-config';
import type { JournalEntry } from '../journal/event-journal';
import type { JournalStore } from '../journal/journal-store';
import type { LogFields } from '../../../common/logging/log-line';

/** What the end of the pipeline needs: the server's name, its events, where to log, the journal. */
export interface DispatchOptions extends ServerEvents {
  server: ServerName;
  logger: EventLogger;
  journal: JournalStore;
}

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

function toReply(result: EventResult): Reply {
  return result instanceof Reply ? result : new Reply(200, result);
}

/**
 * The answer as JSON (pretty: students read it in a terminal). res.end with the serialised body
 * does what res.json would, minus the work a webhook answer never needs (its content-type
 * lookup, ETag and freshness checks): measured, ~6 µs of CPU per request (bench/README.md).
 */
function send(res: Response, answer: Reply): void {
  for (const name in answer.headers) res.setHeader(name, answer.headers[name]!);
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(answer.body, null, 2));
}

/** A short string field for a log line (a credential written in it redacted first), or nothing. */
function shortText(value: unknown): string | undefined {
  return typeof value === 'string' ? redactSecretText(value).slice(0, 64) : undefined;
}

/** A value of a table by name, only if the table itself declares it: never an inherited `toString`. */
function own<T>(table: Record<string, T> | undefined, name: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * The handler of an event: one of the server's declared events (or an alias of one), else
 * `anyEvent`. `{"event":"constructor"}` is just an unknown event, not Object.prototype's.
 */
export function handlerFor(options: ServerEvents, name: string): EventHandler | undefined {
  return own(options.events, own(options.aliases, name) ?? name) ?? options.anyEvent;
}

/** Runs the handler; an ignored event is answered without one. */
async function runHandler(
  handler: EventHandler | undefined,
  payload: WebhookEvent,
  ctx: EventContext,
  options: DispatchOptions,
): Promise<Reply> {
  if (handler) return toReply(await handler.handle(payload, ctx));
  const supported = Object.keys(options.events);
  const reason = `The ${options.server} server does not handle ${payload.event} events.`;
  return new Reply(200, { status: 'ignored', reason, supported, id: ctx.id });
}

/** The journal's record of this event, its outcome decided. */
function journalEntry(
  event: { server: ServerName; ctx: EventContext; name: string; payload: unknown; startedAt: bigint },
  outcome: JournalEntry['outcome'],
  status: number,
  code?: string,
  result?: LogFields,
): JournalEntry {
  const { ctx } = event;
  return {
    server: event.server,
    id: ctx.id,
    delivery_id: ctx.deliveryId,
    request_id: ctx.requestId,
    received_at: ctx.receivedAt.toISOString(),
    source: ctx.source,
    event: event.name,
    payload: event.payload,
    outcome,
    status,
    code,
    result,
    duration_ms: msSince(event.startedAt),
  };
}

/**
 * The end of the pipeline, for a body already read and authenticated: parse it, log it,
 * validate it, drop a redelivered duplicate, run the event's handler, write the event to the
 * journal, and only then answer — so an acknowledged event is never lost. An event the server
 * does not handle is acknowledged as ignored (2xx), so a webhook sender does not retry it forever.
 */
export async function dispatchEvent(req: Request, res: Response, body: Buffer, options: DispatchOptions): Promise<void> {
  const { logger, server, journal } = options;
  const { requestId, startedAt, source } = res.locals;
  // The trace (GET /inspect) notes each stage reached, so an error fails the right one.
  const trace = res.locals.trace;
  trace?.reached('json');
  const payload = parseJsonBody(body);
  const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const name = shortText(fields.event);
  res.locals.eventName = name;
  logger.log('WEBHOOK_RECEIVED', {
    event: name,
    device: shortText(fields.device),
    interface: shortText(fields.interface),
    bytes: body.length,
    source,
    auth: res.locals.authMethod,
    request_id: requestId,
  });

  const handler = handlerFor(options, name ?? '');
  trace?.reached('schema');
  const { value, error } = (handler?.schema ?? envelopeSchema).validate(payload, VALIDATION_OPTIONS);
  if (error) throw validationError(error);

  const ctx: EventContext = {
    id: crypto.randomUUID(),
    requestId,
    source,
    receivedAt: new Date(),
    deliveryId: deliveryIdOf(req),
    authenticated: res.locals.authMethod !== undefined && res.locals.authMethod !== 'none',
    headers: req.headers,
    rawBody: body,
    log: logger.log,
  };
  const event = { server, ctx, name: name ?? '', payload: value, startedAt };

  trace?.reached('duplicate', ctx.id);
  const seen = ctx.deliveryId ? await journal.claimDelivery(ctx.deliveryId, ctx.id, ctx.receivedAt) : undefined;
  let answer: Reply;
  let outcome: JournalEntry['outcome'];
  if (seen) {
    // A redelivery: acknowledge it, point at the original, and do not act twice.
    answer = new Reply(200, {
      status: 'duplicate',
      duplicate: true,
      id: seen.id,
      delivery_id: ctx.deliveryId,
      in_progress: seen.in_progress,
    });
    outcome = 'duplicate';
  } else {
    trace?.reached('handler');
    try {
      answer = await runHandler(handler, value as WebhookEvent, ctx, options);
      outcome = !handler ? 'ignored' : answer.status === 202 ? 'accepted' : 'ok';
    } catch (err) {
      const failure = isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
      await journal.record(journalEntry(event, 'error', failure.status, failure.code));
      logger.log('WEBHOOK_PROCESSED', {
        event: event.name,
        outcome: 'error',
        code: failure.code,
        duration_ms: msSince(startedAt),
        request_id: requestId,
      });
      throw failure;
    }
  }
  // A finished result in a few words (a 202 has none yet): the verdict, what remediation did.
  const result = handler?.summarize && outcome === 'ok' ? handler.summarize(answer.body) : undefined;
  trace?.reached('journal');
  try {
    await journal.record(journalEntry(event, outcome, answer.status, undefined, result));
  } catch (err) {
    // Not recorded means not safely accepted: a 5xx makes the sender deliver it again.
    if (ctx.deliveryId && !seen) await Promise.resolve(journal.forgetDelivery(ctx.deliveryId, ctx.id)).catch(() => undefined);
    throw isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
  }
  trace?.answered(answer.body, outcome);
  send(res, answer);
  logger.log('WEBHOOK_PROCESSED', {
    event: event.name,
    outcome,
    status: answer.status,
    ...result,
    id: ctx.id,
    duration_ms: msSince(startedAt),
    request_id: requestId,
  });
}
