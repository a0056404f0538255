import type { EventLogger } from '../../../common/logging/create-logger';
import { EventJournal } from './event-journal';
import type { JournalStore } from './journal-store';
import type { AppConfig } from '../config/load-config';

/**
 * The journal and duplicate detection of a server. REDIS_URL unset (the lab on a laptop):
 * LOG_DIR/events.jsonl and memory, in this process. Set: a Redis Stream and Redis keys that
 * every copy of the server shares, so a redelivery is recognised whichever copy receives it.
 */
export function createJournal(
  config: Pick<AppConfig, 'logDir' | 'dedupeWindowS' | 'redisUrl'>,
  server: string,
  logger: EventLogger,
): JournalStore {
  if (!config.redisUrl) return new EventJournal({ server, logDir: config.logDir, dedupeWindowS: config.dedupeWindowS });
  // Loaded only with REDIS_URL: ioredis costs a single process ~16 MB and a slower start for nothing.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { connectRedis } = require('../redis/connect-redis') as typeof import('../redis/connect-redis');
  const { RedisJournal } = require('../redis/redis-journal') as typeof import('../redis/redis-journal');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new RedisJournal(connectRedis(config.redisUrl, logger, `${server}-journal`), { server, dedupeWindowS: config.dedupeWindowS });
}
