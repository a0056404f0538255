import path from 'node:path';
import { JournalFile, readJournalLines } from './journal-file';
import { redactSecrets } from '../../../common/logging/redact-secrets';
import type { LogFields } from '../../../common/logging/log-line';

/** One accepted event as the journal keeps it (LOG_DIR/events.jsonl, one JSON object a line). */
export interface JournalEntry {
  server: string;
  id: string;
  delivery_id?: string;
  request_id: string;
  received_at: string;
  source: string;
  event: string;
  /** The payload, with secret-looking fields redacted. */
  payload: unknown;
  outcome: 'ok' | 'ignored' | 'error' | 'duplicate' | 'accepted';
  status: number;
  code?: string;
  /** What the handler made of it in a few words (its `summarize`), e.g. the verdict. */
  result?: LogFields;
  duration_ms: number;
}

export interface JournalOptions {
  server: string;
  logDir: string;
  dedupeWindowS: number;
  /** Rotation threshold of events.jsonl. */
  maxBytes?: number;
  /** Bounds of what stays in memory (defaults below; tests make them small). */
  memory?: { maxEntries?: number; maxBytes?: number; maxDeliveryIds?: number };
}

/** A delivery seen before: the id the first copy got, and whether it is still being handled. */
export interface SeenDelivery {
  id: string;
  received_at: string;
  in_progress: boolean;
}

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
// What stays in memory (for GET /events and duplicate detection) is bounded by count and by
// bytes, whatever senders send; the file keeps what rotation keeps.
const MAX_ENTRIES_IN_MEMORY = 50_000;
const MAX_BYTES_IN_MEMORY = 32 * 1024 * 1024;
const MAX_DELIVERY_IDS = 200_000;
// Evict in slices (10% over the bound), not one entry per request: splice is O(n).
const SLACK = 1.1;

/**
 * The durable record of every accepted event, and the memory of delivery ids that makes a
 * redelivered webhook harmless. Entries of this server are recovered from the file at start,
 * so GET /events and duplicate detection survive a restart.
 */
export class EventJournal {
  private readonly file: JournalFile;
  private readonly entries: JournalEntry[] = [];
  private readonly byId = new Map<string, JournalEntry>();
  private readonly deliveries = new Map<string, SeenDelivery>();
  /** Size of each kept entry (its JSON line), oldest first, parallel to `entries`. */
  private readonly sizes: number[] = [];
  private bytesInMemory = 0;
  private readonly limits: { maxEntries: number; maxBytes: number; maxDeliveryIds: number };

  constructor(private readonly options: JournalOptions) {
    this.limits = {
      maxEntries: options.memory?.maxEntries ?? MAX_ENTRIES_IN_MEMORY,
      maxBytes: options.memory?.maxBytes ?? MAX_BYTES_IN_MEMORY,
      maxDeliveryIds: options.memory?.maxDeliveryIds ?? MAX_DELIVERY_IDS,
    };
    const file = path.join(options.logDir, 'events.jsonl');
    for (const raw of readJournalLines(file)) {
      const entry = raw as Partial<JournalEntry>;
      if (entry.server === options.server && typeof entry.id === 'string')
        this.remember(entry as JournalEntry, JSON.stringify(entry).length);
    }
    this.file = new JournalFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
  }

  private remember(entry: JournalEntry, bytes: number): void {
    if (!this.byId.has(entry.id)) {
      this.entries.push(entry);
      this.sizes.push(bytes);
      this.bytesInMemory += bytes;
    }
    this.byId.set(entry.id, entry);
    if (this.entries.length > this.limits.maxEntries * SLACK || this.bytesInMemory > this.limits.maxBytes * SLACK) this.evictOldest();
    const deliveryId = entry.delivery_id;
    if (!deliveryId || entry.outcome === 'duplicate') return;
    // A failed event's sender will retry it, and the retry must run: forget its delivery id.
    if (entry.outcome === 'error') {
      if (this.deliveries.get(deliveryId)?.id === entry.id) this.deliveries.delete(deliveryId);
      return;
    }
    this.deliveries.set(deliveryId, { id: entry.id, received_at: entry.received_at, in_progress: false });
  }

  private evictOldest(): void {
    let drop = 0;
    let bytes = this.bytesInMemory;
    while (drop < this.entries.length && (this.entries.length - drop > this.limits.maxEntries || bytes > this.limits.maxBytes)) {
      bytes -= this.sizes[drop] ?? 0;
      drop += 1;
    }
    for (const old of this.entries.splice(0, drop)) if (this.byId.get(old.id) === old) this.byId.delete(old.id);
    this.sizes.splice(0, drop);
    this.bytesInMemory = bytes;
  }

  /** Delivery ids are remembered in arrival order; past the bound the oldest go first. */
  private boundDeliveries(): void {
    if (this.deliveries.size <= this.limits.maxDeliveryIds * SLACK) return;
    let excess = this.deliveries.size - this.limits.maxDeliveryIds;
    for (const key of this.deliveries.keys()) {
      if (excess-- <= 0) break;
      this.deliveries.delete(key);
    }
  }

  /**
   * Claims a delivery id for a new event. Returns the earlier delivery when the id was seen
   * within DEDUPE_WINDOW_S (its action must not run again), else undefined.
   */
  claimDelivery(deliveryId: string, id: string, receivedAt: Date): SeenDelivery | undefined {
    const seen = this.deliveries.get(deliveryId);
    const windowMs = this.options.dedupeWindowS * 1000;
    if (seen && receivedAt.getTime() - Date.parse(seen.received_at) < windowMs) return seen;
    this.deliveries.set(deliveryId, { id, received_at: receivedAt.toISOString(), in_progress: true });
    this.boundDeliveries();
    return undefined;
  }

  /** Releases a claim whose event could not be recorded, so its redelivery runs. */
  forgetDelivery(deliveryId: string, id: string): void {
    if (this.deliveries.get(deliveryId)?.id === id) this.deliveries.delete(deliveryId);
  }

  /** Appends an entry; resolves once it is written (before the answer goes out). */
  async record(entry: JournalEntry): Promise<void> {
    const stored: JournalEntry = { ...entry, payload: redactSecrets(entry.payload) };
    const line = JSON.stringify(stored);
    this.remember(stored, line.length);
    await this.file.append(line);
  }

  /** Newest first; `before` is an event id, for paging. */
  list(limit: number, before?: string): JournalEntry[] {
    let end = this.entries.length;
    if (before !== undefined) {
      const index = this.entries.findIndex((e) => e.id === before);
      end = index === -1 ? 0 : index;
    }
    return this.entries.slice(Math.max(0, end - limit), end).reverse();
  }

  get(id: string): JournalEntry | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.entries.length;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
