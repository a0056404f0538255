import type { JournalEntry, SeenDelivery } from './event-journal';

/** A value now (the in-process journal) or later (a store over the network, e.g. Redis). */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Where delivery ids are remembered, so a redelivered webhook does not act twice. In one
 * process a Map is enough; several copies of a server behind a load balancer must share it.
 */
export interface DeliveryStore {
  /** Claims a delivery id for a new event; the earlier delivery when seen within DEDUPE_WINDOW_S. */
  claimDelivery(deliveryId: string, id: string, receivedAt: Date): MaybePromise<SeenDelivery | undefined>;
  /** Releases a claim whose event could not be recorded, so its redelivery runs. */
  forgetDelivery(deliveryId: string, id: string): MaybePromise<void>;
}

/**
 * The event journal as the pipeline uses it: record before answering, list and show for
 * GET /events. `EventJournal` (LOG_DIR/events.jsonl, this process) and `RedisJournal` (a Redis
 * Stream every copy shares) both fit; `createJournal` picks one from the configuration.
 * Recording an event also settles its delivery claim (kept, or released on error).
 */
export interface JournalStore extends DeliveryStore {
  /** Appends an entry; resolves once it is stored (before the answer goes out). */
  record(entry: JournalEntry): Promise<void>;
  /** Newest first; `before` is an event id, for paging. */
  list(limit: number, before?: string): MaybePromise<JournalEntry[]>;
  get(id: string): MaybePromise<JournalEntry | undefined>;
  close(): Promise<void>;
}
