import crypto from 'node:crypto';
import os from 'node:os';
import { Job, Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { AppError, isAppError } from '../../lib/errors';
import { closeWithin } from '../../lib/redis/close-within';
import { connectRedis } from '../../lib/redis/connect-redis';
import { DeviceLeases } from './device-leases';
import { inStore, storeUnavailable } from '../../lib/redis/in-store';
import type { JobResult } from '../jobs/job-queue';
import type { QueuedJob, JobRunner, JobRunnerDeps, SubmittedJob } from '../jobs/job-runner';
import { decodeJobError, encodeJobError } from '../jobs/job-error-json';
import { JobWaiters } from './job-waiters';

/** What a job carries in Redis: plain data, run by whichever copy holds the device. */
interface JobData {
  task: string;
  /** Checked again by the task before it runs: anyone who can reach Redis can add a job. */
  input: unknown;
  key: string;
  coalesceMs: number;
}

const PREFIX = 'hooklab:jobs';
/** Jobs waiting per device before new ones are refused with 429 (as DevicePool does in one process). */
const MAX_WAITING = 32;
/** Finished jobs stay readable at GET /jobs/:id for 15 minutes, at most 1000 per device. */
const KEEP = { age: 15 * 60, count: 1000 };
/** Job ids name their device, so any copy knows which queue to look in: `Router1.<uuid>`. */
const JOB_ID = /^([A-Za-z][A-Za-z0-9-]*)\.[0-9a-f-]{36}$/;
/** How long stopping waits for the job a worker is running before cutting its connections. */
const CLOSE_GRACE_MS = 10_000;

/**
 * Device jobs on Redis, shared by every copy of the network server (BullMQ). Each device has
 * its own queue, whose global concurrency is 1: across all copies at most one of its jobs is
 * active, and they run in the order they were added. The copy holding the device's lease
 * (DeviceLeases) runs that queue's worker, so the device sees one SSH session. Identical work
 * in flight is shared through BullMQ's deduplication (the key), a recent result through a key
 * that expires after `coalesceMs` (EVENT_COALESCE_MS). A copy killed mid-job stops renewing the job's lock; after
 * REDIS_LOCK_MS BullMQ puts the job back at the head of its queue and the copy that took the
 * lease runs it again (once at most: maxStalledCount 1).
 */
export class RedisJobRunner implements JobRunner {
  private readonly redis: Redis;
  private readonly connection: ConnectionOptions;
  private readonly copy = `${os.hostname()}/${process.pid}/${crypto.randomBytes(2).toString('hex')}`;
  private readonly queues = new Map<string, Queue<JobData, JobResult>>();
  private readonly events = new Map<string, QueueEvents>();
  private readonly workers = new Map<string, Worker<JobData, JobResult>>();
  private readonly waiters = new JobWaiters();
  /** Devices this copy is running a job on right now. */
  private readonly busy = new Set<string>();
  private closing = false;
  private readonly leases: DeviceLeases;

  constructor(private readonly deps: JobRunnerDeps & { redisUrl: string; lockMs: number }) {
    const { redisUrl, logger } = deps;
    this.redis = connectRedis(redisUrl, logger, 'network-jobs');
    // BullMQ's own connections (workers, events) block on Redis and must wait for it: same URL,
    // reconnecting as quickly as ours — until this copy stops (null: give up, let them end).
    this.connection = { url: redisUrl, retryStrategy: (times: number) => (this.closing ? null : Math.min(times * 200, 2000)) };
    const ignore = (): void => undefined; // connection trouble is logged once, by connectRedis
    for (const device of deps.devices) {
      const queue = new Queue<JobData, JobResult>(device, {
        connection: this.redis,
        prefix: PREFIX,
        defaultJobOptions: { removeOnComplete: KEEP, removeOnFail: KEEP },
      });
      queue.on('error', ignore);
      this.queues.set(device, queue);
      // Read from now, not from '$' (the moment of the first read): a job finishing in between is not missed.
      const events = new QueueEvents(device, { connection: this.connection, prefix: PREFIX, lastEventId: `${Date.now()}-0` });
      events.on('error', ignore);
      events.on('completed', ({ jobId, returnvalue }) => this.waiters.completed(jobId, returnvalue as unknown as JobResult));
      events.on('failed', ({ jobId, failedReason }) => this.waiters.failed(jobId, decodeJobError(failedReason)));
      this.events.set(device, events);
    }
    // Redis restarted empty (no persistence): the one-at-a-time rule must be set again.
    this.redis.on('ready', () => {
      for (const queue of this.queues.values()) queue.setGlobalConcurrency(1).catch(ignore);
    });
    // A request waiting for a job must not hang while Redis is gone: 503, the sender retries.
    this.redis.on('close', () => this.waiters.failAll(storeUnavailable(new Error('lost the connection to Redis'))));
    this.leases = new DeviceLeases(this.redis, deps.devices, this.copy, deps.lockMs, {
      acquired: (device) => this.startWorker(device),
      lost: (device) => this.stopWorker(device),
    });
    this.leases.start();
  }

  async submit({ task, device, key, coalesceMs, eventAtMs, input }: QueuedJob): Promise<SubmittedJob> {
    const queue = this.queues.get(device);
    if (!queue || !this.deps.tasks[task]) throw new AppError('INTERNAL', `No queue for ${device} or no task ${task}.`);
    return inStore(this.redis, async () => {
      if (coalesceMs > 0) {
        const recentId = await this.redis.get(this.recentKey(key));
        const recent = recentId === null ? undefined : await Job.fromId<JobData, JobResult>(queue, recentId);
        // Only for an event from before that job began reading the device: a newer one is looked at afresh.
        const sawEvent = recent?.processedOn !== undefined && eventAtMs < recent.processedOn;
        if (recent?.finishedOn && !recent.failedReason && sawEvent)
          return { id: recent.id!, sharing: 'recent', result: async () => recent.returnvalue };
      }
      const waiting = await queue.getWaitingCount();
      if (waiting >= MAX_WAITING) {
        throw new AppError('RATE_LIMITED', `${device} already has ${waiting} jobs waiting; retry in a few seconds.`, {
          headers: { 'Retry-After': '5' },
        });
      }
      const id = `${device}.${crypto.randomUUID()}`;
      // The same key while a job for it is unfinished: BullMQ answers with that job's id instead.
      const add = () => queue.add(task, { task, input, key, coalesceMs }, { jobId: id, deduplication: { id: key } });
      let job = await add();
      if (job.id !== id) {
        // That job may share its result only if it had not begun on the device when this event
        // happened; otherwise this event (the flap, then a `shutdown`) gets a job of its own.
        const running = await Job.fromId<JobData, JobResult>(queue, job.id!);
        if (running?.processedOn !== undefined && eventAtMs >= running.processedOn) {
          await running.removeDeduplicationKey();
          job = await add();
        }
      }
      const jobId = job.id!;
      const current = () => inStore(this.redis, () => Job.fromId<JobData, JobResult>(queue, jobId));
      return { id: jobId, sharing: jobId === id ? 'new' : 'in-flight', result: () => this.waiters.wait(jobId, current) };
    });
  }

  async view(id: string): Promise<Record<string, unknown> | undefined> {
    const queue = this.queues.get(JOB_ID.exec(id)?.[1] ?? '');
    if (!queue) return undefined;
    const job = await inStore(this.redis, () => Job.fromId<JobData, JobResult>(queue, id));
    if (!job) return undefined;
    const error = job.failedReason ? decodeJobError(job.failedReason) : undefined;
    return {
      id: job.id,
      status: !job.finishedOn ? 'running' : error ? 'failed' : 'succeeded',
      created_at: new Date(job.timestamp).toISOString(),
      ...(job.processedOn && { started_at: new Date(job.processedOn).toISOString() }),
      ...(job.finishedOn && { finished_at: new Date(job.finishedOn).toISOString() }),
      // 2 means a copy died running it and another ran it again.
      attempts: job.attemptsStarted,
      ...(job.finishedOn && !error && { result: job.returnvalue }),
      ...(error && { error: { code: error.code, message: error.message, details: error.details } }),
    };
  }

  health(): Record<string, unknown> {
    return { copy: this.copy, pid: process.pid, redis: this.redis.status, works_on: this.leases.owned() };
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.leases.stop(); // each worker finishes its job first; the leases go back at once
    this.waiters.failAll(storeUnavailable(new Error('the server is stopping')));
    const grace = this.redis.status === 'ready' ? 2000 : 100; // Redis gone: nothing to wait for
    await Promise.all([...this.events.values(), ...this.queues.values()].map((q) => closeWithin(grace, q.close(), () => q.disconnect())));
    await closeWithin(grace, this.redis.quit(), async () => this.redis.disconnect());
  }

  private recentKey(key: string): string {
    return `hooklab:recent:${key}`;
  }

  /** This copy holds the device now: take its jobs, one at a time. */
  private startWorker(device: string): void {
    const { logger, lockMs } = this.deps;
    logger.log('REDIS', { event: 'device_acquired', device, copy: this.copy });
    const worker = new Worker<JobData, JobResult>(device, (job) => this.process(device, job), {
      connection: this.connection,
      prefix: PREFIX,
      concurrency: 1,
      lockDuration: lockMs,
      stalledInterval: Math.max(500, Math.floor(lockMs / 2)),
      maxStalledCount: 1,
    });
    worker.on('error', (err) => logger.log('REDIS', { event: 'worker_error', device, reason: err.message }, 'debug'));
    worker.on('stalled', (jobId) =>
      logger.log('REDIS', { event: 'job_retried', device, job: jobId, reason: 'the copy running it stopped renewing its lock' }, 'warn'),
    );
    this.workers.set(device, worker);
  }

  private async stopWorker(device: string): Promise<void> {
    this.deps.logger.log('REDIS', { event: 'device_released', device, copy: this.copy });
    const worker = this.workers.get(device);
    this.workers.delete(device);
    if (!worker) return;
    // A job it is running finishes first (the device is mid-conversation), within reason; an
    // idle worker is closed without waiting on Redis, which may be gone.
    if (this.busy.has(device)) await closeWithin(CLOSE_GRACE_MS, worker.close(), () => worker.disconnect());
    else await closeWithin(500, worker.close(true), () => worker.disconnect());
  }

  /** Runs one job on this copy's session to the device. */
  private async process(device: string, job: Job<JobData, JobResult>): Promise<JobResult> {
    const { task, input, key, coalesceMs } = job.data;
    const run = this.deps.tasks[task];
    // A backup that started reading must not be shared with a later change (see ConfigChange).
    const started = (): void => void job.removeDeduplicationKey().catch(() => undefined);
    this.busy.add(device);
    try {
      if (!run) throw new AppError('INTERNAL', `No device task named ${task}.`);
      const result = await this.deps.pool.run(device, (s) => run(s, input, started));
      if (coalesceMs > 0) await this.redis.set(this.recentKey(key), job.id!, 'PX', coalesceMs).catch(() => undefined);
      return result;
    } catch (err) {
      if (!isAppError(err)) this.deps.logger.log('ERROR', { job: job.id, error: (err as Error).message, stack: (err as Error).stack });
      throw new Error(encodeJobError(err));
    } finally {
      this.busy.delete(device);
    }
  }
}
