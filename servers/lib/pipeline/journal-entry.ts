import type { LogFields } from '../../../common/logging/log-line';
import type { ServerName } from '../config/load-config';
import type { JournalEntry } from '../journal/event-journal';
import { msSince } from '../ms-since';
import type { EventContext } from './request-context';

/** One event on its way through dispatch. */
export interface DispatchedEvent {
  server: ServerName;
  ctx: EventContext;
  name: string;
  payload: unknown;
  startedAt: bigint;
}

/** The journal's record of this event, its outcome decided. */
export function journalEntry(
  event: DispatchedEvent,
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
