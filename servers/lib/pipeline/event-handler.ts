import type Joi from 'joi';
import type { EventContext } from './request-context';
import type { LogFields } from '../../../common/logging/log-line';
import type { Reply } from './reply';

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

/** What a server does with an event: its payload schema, the fields it logs, and its handler. */
export interface EventHandler<P extends WebhookEvent = WebhookEvent> {
  /** The payload schema (envelope + the event's own fields); validated before `handle`. */
  schema?: Joi.ObjectSchema<P>;
  /**
   * The payload fields shown in the WEBHOOK_RECEIVED line, before validation (each shortened and
   * redacted); by default the envelope's `device` and `interface`.
   */
  logged?: readonly string[];
  handle(payload: P, ctx: EventContext): Promise<EventResult> | EventResult;
  /**
   * The result in a few words (e.g. `{verdict: 'admin_down'}`), added to the WEBHOOK_PROCESSED
   * line and the journal entry: where a student looks when the sender was a router, not curl.
   */
  summarize?(answer: Record<string, unknown>): LogFields;
}

/** One event a server acts on, registered once: its name (and other names), schema and handler. */
export interface EventDefinition<P extends WebhookEvent = WebhookEvent> extends EventHandler<P> {
  /** The payload's `event` value this definition answers. */
  name: string;
  /** Other names for the same event (e.g. DeviceCheck for NetworkDeviceCheck). */
  aliases?: readonly string[];
}

/** The events a server acts on, and what happens to the others. */
export interface ServerEvents {
  /** The events this server acts on, one definition each. Others are acknowledged as ignored. */
  events: readonly EventDefinition[];
  /** Handles any event not in `events` (the basic server takes them all). */
  anyEvent?: EventHandler;
}

/**
 * An event definition whose `handle` gets the payload typed as its schema says: with
 * `schema: eventSchema<{ term?: string }>({ term: Joi.string() })`, `payload.term` is a
 * `string | undefined` — no casts. The schema has already checked it when `handle` runs.
 */
export function defineEvent<P extends WebhookEvent>(definition: EventDefinition<P> & { schema: Joi.ObjectSchema<P> }): EventDefinition<P> {
  return definition;
}
