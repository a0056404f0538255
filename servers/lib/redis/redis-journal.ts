import type { Redis } from 'ioredis';
import type { JournalEntry, SeenDelivery } from '../event-journal';
import type { JournalStore } from '../journal-store';
import { redactSecrets } from '../redact-secrets';
import { inStore } from './in-store';

export interface RedisJournalOptions {
  server: string;
  dedupeWindowS: number;
  /** Entries the stream keeps (XADD MAXLEN ~, so Redis may keep a few more). */
  maxEntries?: number;
}

const MAX_ENTRIES = 10_000;
/** GET /events/<id> finds an event through a key that lives this long (if the stream still holds it). */
const INDEX_TTL_S = 7 * 24 * 3600;
/**
 * A claimed delivery whose event is still being handled is held at most this long: if the copy
 * handling it dies, or loses Redis before recording it, the sender's redelivery runs again later.
 */
const IN_PROGRESS_S = 300;

// Appends the entry, indexes its id, and settles the delivery claim, in one atomic step.
// ARGV: max entries, entry JSON, index TTL, event id, settled claim JSON ('' = release it), window.
const RECORD = `
local sid = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'entry', ARGV[2])
redis.call('SET', KEYS[2], sid, 'EX', ARGV[3])
if KEYS[3] then
  local seen = redis.call('GET', KEYS[3])
  if seen and cjson.decode(seen).id == ARGV[4] then
    if ARGV[5] == '' then redis.call('DEL', KEYS[3]) else redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[6]) end
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
 * a Stream (`hooklab:<server>:journal`, bounded), a redelivery is recognised whichever copy
 * sees it (SET NX with DEDUPE_WINDOW_S as its TTL), and GET /events answers the same from any
 * copy. Every call fails fast with 503 STORE_UNAVAILABLE when Redis is down.
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

  private indexKey(id: string): string {
    return `${this.prefix}:event:${id}`;
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
    const seen = await inStore(this.redis, () => this.redis.call('SET', this.deliveryKey(deliveryId), JSON.stringify(claim), 'EX', ttl, 'NX', 'GET'));
    return typeof seen === 'string' ? (JSON.parse(seen) as SeenDelivery) : undefined;
  }

  async forgetDelivery(deliveryId: string, id: string): Promise<void> {
    await inStore(this.redis, () => this.redis.eval(FORGET, 1, this.deliveryKey(deliveryId), id));
  }

  async record(entry: JournalEntry): Promise<void> {
    const stored: JournalEntry = { ...entry, payload: redactSecrets(entry.payload) };
    const keys = [this.stream, this.indexKey(entry.id)];
    const window = this.options.dedupeWindowS;
    let settled = '';
    if (entry.delivery_id && entry.outcome !== 'duplicate' && window > 0) {
      keys.push(this.deliveryKey(entry.delivery_id));
      // A failed event's sender retries it, and the retry must run: its claim is released.
      if (entry.outcome !== 'error') settled = JSON.stringify({ id: entry.id, received_at: entry.received_at, in_progress: false });
    }
    const args = [this.options.maxEntries ?? MAX_ENTRIES, JSON.stringify(stored), INDEX_TTL_S, entry.id, settled, window];
    await inStore(this.redis, () => this.redis.eval(RECORD, keys.length, ...keys, ...args));
  }

  async list(limit: number, before?: string): Promise<JournalEntry[]> {
    return inStore(this.redis, async () => {
      let end = '+';
      if (before !== undefined) {
        const at = await this.redis.get(this.indexKey(before));
        if (at === null) return [];
        end = `(${at}`; // exclusive: the entries before it
      }
      const rows = (await this.redis.xrevrange(this.stream, end, '-', 'COUNT', limit)) as StreamEntry[];
      return rows.map(parseEntry);
    });
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return inStore(this.redis, async () => {
      const at = await this.redis.get(this.indexKey(id));
      if (at === null) return undefined;
      const [row] = (await this.redis.xrange(this.stream, at, at)) as StreamEntry[];
      return row ? parseEntry(row) : undefined;
    });
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
