import type { EventLogger } from './create-logger';
import { EventJournal } from './event-journal';
import type { JournalStore } from './journal-store';
import type { AppConfig } from './load-config';
import { connectRedis } from './redis/connect-redis';
import { RedisJournal } from './redis/redis-journal';

/**
 * The journal and duplicate detection of a server. REDIS_URL unset (the lab on a laptop):
 * LOG_DIR/events.jsonl and memory, in this process. Set: a Redis Stream and Redis keys that
 * every copy of the server shares, so a redelivery is recognised whichever copy receives it.
 */
export function createJournal(config: Pick<AppConfig, 'logDir' | 'dedupeWindowS' | 'redisUrl'>, server: string, logger: EventLogger): JournalStore {
  if (!config.redisUrl) return new EventJournal({ server, logDir: config.logDir, dedupeWindowS: config.dedupeWindowS });
  return new RedisJournal(connectRedis(config.redisUrl, logger, `${server}-journal`), { server, dedupeWindowS: config.dedupeWindowS });
}
