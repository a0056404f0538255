import { LocalJobRunner } from './local-job-runner';
import type { JobRunner, JobRunnerDeps } from './job-runner';

/** REDIS_URL unset: jobs run in this process. Set: in queues on Redis that every copy shares. */
export function createJobRunner(deps: JobRunnerDeps): JobRunner {
  const { redisUrl, redisLockMs } = deps.config;
  if (!redisUrl) return new LocalJobRunner(deps.pool, deps.tasks);
  // Loaded only with REDIS_URL: BullMQ and ioredis cost a single process ~30 MB and a slower start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { RedisJobRunner } = require('../step8-scale-out/redis-job-runner') as typeof import('../step8-scale-out/redis-job-runner');
  return new RedisJobRunner({ ...deps, redisUrl, lockMs: redisLockMs });
}
