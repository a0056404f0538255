import crypto from 'node:crypto';
import { AppError, isAppError } from '../../lib/errors';

export type JobStatus = 'running' | 'succeeded' | 'failed';
export type JobResult = Record<string, unknown>;

/** One piece of device work, shared by every event that asked for the same thing. */
export interface Job {
  id: string;
  /** What makes two events "the same": event, device, interface, remediation on/off. */
  key: string;
  status: JobStatus;
  created_at: string;
  finished_at?: string;
  result?: JobResult;
  error?: AppError;
  /** Settles with the result or the error; other requests for the same key await it too. */
  done: Promise<JobResult>;
  /** When the work began reading the device: what it reports is the device as seen from then on. */
  startedAtMs?: number;
  finishedAtMs?: number;
}

/** How a submission was served: a new job, the one in flight, or a result from moments ago. */
export type Sharing = 'new' | 'in-flight' | 'recent';

export interface JobQueueOptions {
  /** Finished jobs kept for GET /jobs/:id this long (default 15 min)… */
  keepMs?: number;
  /** …and at most this many (default 1000), so a storm cannot grow memory without bound. */
  maxJobs?: number;
  now?: () => number;
}

/**
 * Device work as jobs: each has an id a client can poll (GET /jobs/:id), and identical work
 * is never done twice at once. An event may share a job only if that job's look at the device
 * comes after the event: a job still waiting for the device, or one that began reading after
 * the event happened. Then, for `coalesceMs` (EVENT_COALESCE_MS) after it succeeded, its result answers the same key
 * again — for events older than its look (a duplicate, a late delivery): a flapping link cannot
 * make the server hammer the device, and a newer event (the flap, then a `shutdown`) is never
 * answered from a result that could not have seen it. Failures are not reused.
 */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<string, Job>();
  private readonly lastOk = new Map<string, Job>();
  private readonly now: () => number;

  constructor(private readonly options: JobQueueOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Starts `work` as a new job, or hands back a matching job that can answer an event that
   * happened at `eventAtMs` (default: now). `work` calls `started()` when it begins reading the
   * device. If `work` throws synchronously (e.g. 429: the device's queue is full), no job is
   * created and the error is thrown here.
   */
  submit(
    key: string,
    work: (started: () => void) => Promise<JobResult>,
    coalesceMs = 0,
    eventAtMs = this.now(),
  ): { job: Job; sharing: Sharing } {
    // Strictly before: when in doubt (the same millisecond), the device is asked again.
    const sawEvent = (job: Job): boolean => job.startedAtMs === undefined || eventAtMs < job.startedAtMs;
    const inFlight = this.running.get(key);
    // At most one job per key waits for the device: every newer event shares it.
    if (inFlight && sawEvent(inFlight)) return { job: inFlight, sharing: 'in-flight' };
    const recent = this.lastOk.get(key);
    if (recent && coalesceMs > 0 && this.now() - (recent.finishedAtMs ?? 0) < coalesceMs && sawEvent(recent))
      return { job: recent, sharing: 'recent' };

    const job = { id: crypto.randomUUID(), key, status: 'running', created_at: new Date(this.now()).toISOString() } as Job;
    const promise = work(() => {
      job.startedAtMs ??= this.now();
    });
    this.prune();
    this.jobs.set(job.id, job);
    this.running.set(key, job);
    job.done = promise.then(
      (result) => this.finish(job, result),
      (err: unknown) => this.fail(job, err),
    );
    // Async clients may never await it; the rejection is still delivered to those who do.
    job.done.catch(() => undefined);
    return { job, sharing: 'new' };
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** What GET /jobs/:id shows: status, times, and the result or the error in the shared shape. */
  view(job: Job): Record<string, unknown> {
    return {
      id: job.id,
      status: job.status,
      created_at: job.created_at,
      ...(job.finished_at !== undefined && { finished_at: job.finished_at }),
      ...(job.result !== undefined && { result: job.result }),
      ...(job.error !== undefined && { error: { code: job.error.code, message: job.error.message, details: job.error.details } }),
    };
  }

  private finish(job: Job, result: JobResult): JobResult {
    Object.assign(job, { status: 'succeeded', result, finishedAtMs: this.now(), finished_at: new Date(this.now()).toISOString() });
    if (this.running.get(job.key) === job) this.running.delete(job.key);
    this.lastOk.set(job.key, job);
    return result;
  }

  private fail(job: Job, err: unknown): never {
    const error = isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
    Object.assign(job, { status: 'failed', error, finishedAtMs: this.now(), finished_at: new Date(this.now()).toISOString() });
    if (this.running.get(job.key) === job) this.running.delete(job.key);
    throw error;
  }

  /**
   * Forgets finished jobs past keepMs, then the oldest finished ones beyond maxJobs. The map is
   * in submission order, oldest first, so the walk stops at the first finished job that may stay:
   * a submit looks at the few jobs it frees, not at all 1,000 kept (that scan was ~2 % of a warm
   * check's CPU). A job that finished sooner behind it goes a little later, with that one.
   */
  private prune(): void {
    const cutoff = this.now() - (this.options.keepMs ?? 15 * 60_000);
    const maxJobs = this.options.maxJobs ?? 1000;
    for (const job of this.jobs.values()) {
      if (job.finishedAtMs === undefined) continue; // still running: kept
      if (job.finishedAtMs >= cutoff && this.jobs.size < maxJobs) break;
      this.jobs.delete(job.id);
      if (this.lastOk.get(job.key) === job) this.lastOk.delete(job.key);
    }
  }
}
