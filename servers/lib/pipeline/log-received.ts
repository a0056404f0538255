import type { Response } from 'express';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { LogFields, LogValue } from '../../../common/logging/log-line';
import { redactSecretText } from '../../../common/logging/redact-secrets';
import type { EventHandler } from './event-handler';

/** A short string field for a log line (a credential written in it redacted first), or nothing. */
export function shortText(value: unknown): string | undefined {
  return typeof value === 'string' ? redactSecretText(value).slice(0, 64) : undefined;
}

/** A payload field for a log line: a short string, a finite number or a boolean; nothing else. */
function logValue(value: unknown): LogValue {
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return value;
  return shortText(value);
}

/** The envelope's fields every WEBHOOK_RECEIVED line shows when the handler declares none. */
const ENVELOPE_LOGGED = ['device', 'interface'];

/** The WEBHOOK_RECEIVED line: the event's name and the fields its definition declares, shortened and redacted. */
export function logReceived(
  res: Response,
  logger: EventLogger,
  body: Buffer,
  fields: Record<string, unknown>,
  handler?: EventHandler,
): void {
  const own: LogFields = {};
  for (const field of handler?.logged ?? ENVELOPE_LOGGED) own[field] = logValue(fields[field]);
  logger.log('WEBHOOK_RECEIVED', {
    event: res.locals.eventName,
    ...own,
    bytes: body.length,
    source: res.locals.source,
    auth: res.locals.authMethod,
    request_id: res.locals.requestId,
  });
}
