import type Joi from 'joi';
import type { EventContext } from './request-context';
import type { LogFields } from './log-line';

/** An answer with a status other than 200, e.g. 202 Accepted for a queued job. */
export class Reply {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {}
}

export function reply(status: number, body: Record<string, unknown>, headers?: Record<string, string>): Reply {
  return new Reply(status, body, headers);
}

/** What a handler may answer: a JSON body (200), or a `reply(...)` with its own status. */
export type EventResult = Record<string, unknown> | Reply;

/** The envelope every event shares (see envelope-schema.ts); events add their own fields. */
export interface WebhookEvent {
  event: string;
  device?: string;
  interface?: string;
  timestamp?: string;
  [field: string]: unknown;
}

/** One event a server acts on: its payload schema and what it does. */
export interface EventHandler<P extends WebhookEvent = WebhookEvent> {
  /** The payload schema (envelope + the event's own fields); validated before `handle`. */
  schema?: Joi.ObjectSchema;
  handle(payload: P, ctx: EventContext): Promise<EventResult> | EventResult;
  /**
   * The result in a few words (e.g. `{verdict: 'admin_down'}`), added to the WEBHOOK_PROCESSED
   * line and the journal entry: where a student looks when the sender was a router, not curl.
   */
  summarize?(answer: Record<string, unknown>): LogFields;
}
