import type { Request, Response } from 'express';
import type Joi from 'joi';
import { AppError, isAppError } from '../errors';
import { validationError } from './validation-error';
import { eventContext } from './create-event-context';
import { parseJsonBody } from './parse-json-body';
import { envelopeSchema } from './envelope-schema';
import type { EventContext } from './request-context';
import { msSince } from '../ms-since';
import { Reply, sendReply, toReply } from './reply';
import type { EventHandler, WebhookEvent } from './event-handler';
import type { EventTable } from './event-table';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { ServerName } from '../config/load-config';
import type { JournalEntry } from '../journal/event-journal';
import type { JournalStore } from '../journal/journal-store';
import { publishProgress } from '../observe/pipeline-progress';
import { logReceived, shortText } from './log-received';
import { journalEntry, type DispatchedEvent } from './journal-entry';

/** What the end of the pipeline needs: the server's name, its events, where to log, the journal. */
export interface DispatchOptions {
  server: ServerName;
  table: EventTable;
  logger: EventLogger;
  journal: JournalStore;
}

const VALIDATION_OPTIONS: Joi.ValidationOptions = { abortEarly: false, convert: false };

/** Runs the handler; an ignored event is answered without one. */
async function runHandler(
  handler: EventHandler | undefined,
  payload: WebhookEvent,
  ctx: EventContext,
  options: DispatchOptions,
): Promise<Reply> {
  if (handler) return toReply(await handler.handle(payload, ctx));
  const { supported } = options.table;
  const reason = `The ${options.server} server does not handle ${payload.event} events.`;
  return new Reply(200, { status: 'ignored', reason, supported, id: ctx.id });
}

/**
 * The answer: a redelivery is acknowledged and pointed at the original (nothing is done twice);
 * otherwise the handler runs. A handler's failure is journaled and logged, then thrown on.
 */
async function answerEvent(
  res: Response,
  event: DispatchedEvent,
  handler: EventHandler | undefined,
  options: DispatchOptions,
): Promise<{ answer: Reply; outcome: JournalEntry['outcome']; firstDelivery: boolean }> {
  const { ctx } = event;
  publishProgress({ type: 'reached', res, stage: 'duplicate', eventId: ctx.id });
  const seen = ctx.deliveryId ? await options.journal.claimDelivery(ctx.deliveryId, ctx.id, ctx.receivedAt) : undefined;
  if (seen) {
    const body = { status: 'duplicate', duplicate: true, id: seen.id, delivery_id: ctx.deliveryId, in_progress: seen.in_progress };
    return { answer: new Reply(200, body), outcome: 'duplicate', firstDelivery: false };
  }
  publishProgress({ type: 'reached', res, stage: 'handler' });
  try {
    const answer = await runHandler(handler, event.payload as WebhookEvent, ctx, options);
    return { answer, outcome: !handler ? 'ignored' : answer.status === 202 ? 'accepted' : 'ok', firstDelivery: true };
  } catch (err) {
    const failure = isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
    await options.journal.record(journalEntry(event, 'error', failure.status, failure.code));
    options.logger.log('WEBHOOK_PROCESSED', {
      event: event.name,
      outcome: 'error',
      code: failure.code,
      duration_ms: msSince(event.startedAt),
      request_id: ctx.requestId,
    });
    throw failure;
  }
}

/**
 * The end of the pipeline, for a body already read and authenticated: parse it, log it,
 * validate it, drop a redelivered duplicate, run the event's handler, write the event to the
 * journal, and only then answer — so an acknowledged event is never lost. An event the server
 * does not handle is acknowledged as ignored (2xx), so a webhook sender does not retry it forever.
 */
export async function dispatchEvent(req: Request, res: Response, body: Buffer, options: DispatchOptions): Promise<void> {
  const { logger, server, journal } = options;
  const { requestId, startedAt } = res.locals;
  // Each stage reached is announced (the live view shows which one an error failed).
  publishProgress({ type: 'reached', res, stage: 'json' });
  const payload = parseJsonBody(body);
  const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
  const name = shortText(fields.event);
  res.locals.eventName = name;
  const handler = options.table.handlerFor(name ?? '');
  logReceived(res, logger, body, fields, handler);

  publishProgress({ type: 'reached', res, stage: 'schema' });
  const { value, error } = (handler?.schema ?? envelopeSchema).validate(payload, VALIDATION_OPTIONS);
  if (error) throw validationError(error);

  const ctx = eventContext(req, res, body, logger);
  const event: DispatchedEvent = { server, ctx, name: name ?? '', payload: value, startedAt };
  const { answer, outcome, firstDelivery } = await answerEvent(res, event, handler, options);
  // A finished result in a few words (a 202 has none yet): the verdict, what remediation did.
  const result = handler?.summarize && outcome === 'ok' ? handler.summarize(answer.body) : undefined;
  publishProgress({ type: 'reached', res, stage: 'journal' });
  try {
    await journal.record(journalEntry(event, outcome, answer.status, undefined, result));
  } catch (err) {
    // Not recorded means not safely accepted: a 5xx makes the sender deliver it again.
    if (ctx.deliveryId && firstDelivery) await Promise.resolve(journal.forgetDelivery(ctx.deliveryId, ctx.id)).catch(() => undefined);
    throw isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
  }
  publishProgress({ type: 'answered', res, body: answer.body, outcome });
  sendReply(res, answer);
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
