import { Redis } from 'ioredis';
import type { EventLogger } from '../../../common/logging/create-logger';
import { redisAddress } from './redis-address';

/**
 * A Redis connection for the request path. It reconnects for ever (Redis back → the server
 * carries on, no restart), but a command sent while it is down fails at once instead of waiting
 * in a queue (`enableOfflineQueue: false`), so a webhook sender gets a quick 503 and retries.
 * Only changes of state are logged (`REDIS event=connected|lost`), not every retry.
 */
export function connectRedis(url: string, logger: EventLogger, client: string): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    connectionName: `hooklab-${client}`,
  });
  const redisAt = redisAddress(url);
  let connected = false;
  let lastError = '';
  redis.on('error', (err: Error) => (lastError = err.message));
  redis.on('ready', () => {
    connected = true;
    logger.log('REDIS', { event: 'connected', client, redis: redisAt });
  });
  redis.on('close', () => {
    if (!connected) return;
    connected = false;
    logger.log('REDIS', { event: 'lost', client, redis: redisAt, reason: lastError || 'connection closed' }, 'warn');
  });
  return redis;
}
