import path from 'node:path';
import { JournalFile, readJournalLines } from './journal-file';
import { lineOf, olderLines } from './older-lines';
import { redactSecrets } from '../../../common/logging/redact-secrets';
import type { LogFields } from '../../../common/logging/log-line';

const parseEntry = (line: string): JournalEntry => JSON.parse(line) as JournalEntry;

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
// The newest entries stay in memory (GET /events' first pages, GET /events/<id> of a recent
// event), bounded by count and by bytes whatever senders send; older pages are read from the
// files, which keep what rotation keeps. Few, because under a sustained load whatever stays for
// more than a few hundred requests outlives two young-generation GCs and is copied into the old
// generation, which then grows until a full GC (bench/README.md: 1,000 kept lines and the live
// view's 500 traces were ~1.3 KB promoted per request and ~30 MB of RSS; 100 of each, none).
export const JOURNAL_MEMORY = { maxEntries: 100, maxBytes: 1024 * 1024 } as const;
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
  // Kept as JSON lines, parsed only when GET /events asks: tens of thousands of plain strings
  // cost the garbage collector far less than as many object graphs (bench/README.md: RSS after
  // a sustained load, and the dips of its slices).
  /** Event ids, oldest first, parallel to `lines`. */
  private readonly ids: string[] = [];
  private readonly lines: string[] = [];
  private readonly lineById = new Map<string, string>();
  private readonly deliveries = new Map<string, SeenDelivery>();
  private bytesInMemory = 0;
  /** Some of this server's entries are only in the files (evicted, or not loaded at start). */
  private olderInFiles = false;
  /** How a line of this server starts, and so where its id is (JSON.stringify keeps the key order). */
  private readonly linePrefix: string;
  private readonly limits: { maxEntries: number; maxBytes: number; maxDeliveryIds: number };

  constructor(private readonly options: JournalOptions) {
    this.limits = {
      maxEntries: options.memory?.maxEntries ?? JOURNAL_MEMORY.maxEntries,
      maxBytes: options.memory?.maxBytes ?? JOURNAL_MEMORY.maxBytes,
      maxDeliveryIds: options.memory?.maxDeliveryIds ?? MAX_DELIVERY_IDS,
    };
    this.linePrefix = `{"server":${JSON.stringify(options.server)},"id":"`;
    const file = path.join(options.logDir, 'events.jsonl');
    for (const raw of readJournalLines(file)) {
      const entry = raw as Partial<JournalEntry>;
      if (entry.server === options.server && typeof entry.id === 'string') this.remember(entry as JournalEntry, JSON.stringify(entry));
    }
    this.file = new JournalFile(file, options.maxBytes ?? DEFAULT_MAX_BYTES);
  }

  private remember(entry: JournalEntry, line: string): void {
    if (!this.lineById.has(entry.id)) {
      this.ids.push(entry.id);
      this.lines.push(line);
      this.bytesInMemory += line.length;
    }
    this.lineById.set(entry.id, line);
    if (this.ids.length > this.limits.maxEntries * SLACK || this.bytesInMemory > this.limits.maxBytes * SLACK) this.evictOldest();
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
    while (drop < this.ids.length && (this.ids.length - drop > this.limits.maxEntries || bytes > this.limits.maxBytes)) {
      bytes -= this.lines[drop]!.length;
      drop += 1;
    }
    const lines = this.lines.splice(0, drop);
    this.ids.splice(0, drop).forEach((id, i) => {
      if (this.lineById.get(id) === lines[i]) this.lineById.delete(id);
    });
    this.bytesInMemory = bytes;
    if (drop > 0) this.olderInFiles = true;
  }

  /** Delivery ids are remembered in arrival order; past the bound the oldest go first. */
  private boundDeliveries(now: number): void {
    // Ids older than the dedupe window decide nothing any more: the oldest go as they expire.
    const windowMs = this.options.dedupeWindowS * 1000;
    for (const [key, seen] of this.deliveries) {
      if (now - Date.parse(seen.received_at) < windowMs) break;
      this.deliveries.delete(key);
    }
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
    this.boundDeliveries(receivedAt.getTime());
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
    this.remember(stored, line);
    await this.file.append(line);
  }

  /**
   * Newest first; `before` is an event id, for paging. What memory holds answers at once; a page
   * that goes further goes on in the files (a promise), as far back as they reach.
   */
  list(limit: number, before?: string): JournalEntry[] | Promise<JournalEntry[]> {
    const inMemory = before === undefined ? this.ids.length : this.ids.lastIndexOf(before);
    const newest = inMemory === -1 ? [] : this.lines.slice(Math.max(0, inMemory - limit), inMemory).reverse();
    if (newest.length === limit || !this.olderInFiles) return newest.map(parseEntry);
    // Older than all of memory: on from memory's oldest entry, or from `before` if memory never had it.
    const from = inMemory === -1 ? before : this.ids[0];
    return olderLines(this.files(), this.linePrefix, limit - newest.length, from, (id) => this.lineById.has(id)).then((older) =>
      [...newest, ...older].map(parseEntry),
    );
  }

  get(id: string): JournalEntry | undefined | Promise<JournalEntry | undefined> {
    const line = this.lineById.get(id);
    if (line !== undefined) return parseEntry(line);
    if (!this.olderInFiles) return undefined;
    return lineOf(this.files(), this.linePrefix, id).then((found) => (found === undefined ? undefined : parseEntry(found)));
  }

  /** The journal's files, oldest first. */
  private files(): string[] {
    return [`${this.file.file}.1`, this.file.file];
  }

  get size(): number {
    return this.ids.length;
  }

  close(): Promise<void> {
    return this.file.close();
  }
}
