import type { Redis } from 'ioredis';
import type { JournalEntry, SeenDelivery } from '../journal/event-journal';
import type { JournalStore } from '../journal/journal-store';
import { redactSecrets } from '../../../common/logging/redact-secrets';
import { inStore } from './in-store';

export interface RedisJournalOptions {
  server: string;
  dedupeWindowS: number;
  /** Entries the stream keeps (XADD MAXLEN ~, so Redis may keep a few more). */
  maxEntries?: number;
}

const MAX_ENTRIES = 10_000;
/**
 * A claimed delivery whose event is still being handled is held at most this long: if the copy
 * handling it dies, or loses Redis before recording it, the sender's redelivery runs again later.
 */
const IN_PROGRESS_S = 300;

// Appends the entry, indexes its id, and settles the delivery claim, in one atomic step. The
// index (event id → the millisecond of its stream entry) forgets what the stream trimmed away,
// so both stay bounded. ARGV: max entries, entry JSON, event id, settled claim JSON ('' =
// release it), DEDUPE_WINDOW_S.
const RECORD = `
local sid = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'id', ARGV[3], 'entry', ARGV[2])
redis.call('ZADD', KEYS[2], tonumber(string.match(sid, '^%d+')), ARGV[3])
local oldest = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)[1][1]
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.match(oldest, '^%d+'))
if KEYS[3] then
  local seen = redis.call('GET', KEYS[3])
  if seen and cjson.decode(seen).id == ARGV[3] then
    if ARGV[4] == '' then redis.call('DEL', KEYS[3]) else redis.call('SET', KEYS[3], ARGV[4], 'EX', ARGV[5]) end
  end
end
return sid`;

// Deletes a delivery claim only if it is still this event's.
const FORGET = `
local seen = redis.call('GET', KEYS[1])
if seen and cjson.decode(seen).id == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

type StreamEntry = [id: string, fields: string[]];

/**
 * The event journal and delivery ids in Redis, shared by every copy of a server: entries go to
 * a Stream (`hooklab:<server>:journal`, bounded, with an index of event ids), a redelivery is
 * recognised whichever copy sees it (SET NX with DEDUPE_WINDOW_S as its TTL), and GET /events
 * answers the same from any copy. Every call fails fast with 503 STORE_UNAVAILABLE when Redis is down.
 */
export class RedisJournal implements JournalStore {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisJournalOptions,
  ) {
    this.prefix = `hooklab:${options.server}`;
  }

  private get stream(): string {
    return `${this.prefix}:journal`;
  }

  /** A sorted set: event id → the millisecond of its stream entry. */
  private get index(): string {
    return `${this.prefix}:journal-index`;
  }

  private deliveryKey(deliveryId: string): string {
    return `${this.prefix}:delivery:${deliveryId}`;
  }

  /** One atomic SET NX GET: the first copy to claim the id wins; the others get its event id. */
  async claimDelivery(deliveryId: string, id: string, receivedAt: Date): Promise<SeenDelivery | undefined> {
    const window = this.options.dedupeWindowS;
    if (window === 0) return undefined; // duplicate detection is off
    const claim: SeenDelivery = { id, received_at: receivedAt.toISOString(), in_progress: true };
    const ttl = Math.min(window, IN_PROGRESS_S);
    const seen = await inStore(this.redis, () =>
      this.redis.call('SET', this.deliveryKey(deliveryId), JSON.stringify(claim), 'EX', ttl, 'NX', 'GET'),
    );
    return typeof seen === 'string' ? (JSON.parse(seen) as SeenDelivery) : undefined;
  }

  async forgetDelivery(deliveryId: string, id: string): Promise<void> {
    await inStore(this.redis, () => this.redis.eval(FORGET, 1, this.deliveryKey(deliveryId), id));
  }

  async record(entry: JournalEntry): Promise<void> {
    const stored: JournalEntry = { ...entry, payload: redactSecrets(entry.payload) };
    const keys = [this.stream, this.index];
    const window = this.options.dedupeWindowS;
    let settled = '';
    if (entry.delivery_id && entry.outcome !== 'duplicate' && window > 0) {
      keys.push(this.deliveryKey(entry.delivery_id));
      // A failed event's sender retries it, and the retry must run: its claim is released.
      if (entry.outcome !== 'error') settled = JSON.stringify({ id: entry.id, received_at: entry.received_at, in_progress: false });
    }
    const args = [this.options.maxEntries ?? MAX_ENTRIES, JSON.stringify(stored), entry.id, settled, window];
    await inStore(this.redis, () => this.redis.eval(RECORD, keys.length, ...keys, ...args));
  }

  async list(limit: number, before?: string): Promise<JournalEntry[]> {
    return inStore(this.redis, async () => {
      let end = '+';
      if (before !== undefined) {
        const row = await this.find(before);
        if (!row) return [];
        end = `(${row[0]}`; // exclusive: the entries before it
      }
      const rows = (await this.redis.xrevrange(this.stream, end, '-', 'COUNT', limit)) as StreamEntry[];
      return rows.map(parseEntry);
    });
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return inStore(this.redis, async () => {
      const row = await this.find(id);
      return row && parseEntry(row);
    });
  }

  /** An event's stream entry: the index gives its millisecond, the few entries of that millisecond the rest. */
  private async find(id: string): Promise<StreamEntry | undefined> {
    const ms = await this.redis.zscore(this.index, id);
    if (ms === null) return undefined;
    const rows = (await this.redis.xrange(this.stream, ms, ms)) as StreamEntry[];
    return rows.find(([, fields]) => fields[fields.indexOf('id') + 1] === id);
  }

  async close(): Promise<void> {
    // quit() waits for Redis to answer; while it is down there is nothing to wait for.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

function parseEntry([, fields]: StreamEntry): JournalEntry {
  return JSON.parse(fields[fields.indexOf('entry') + 1] ?? '{}') as JournalEntry;
}
