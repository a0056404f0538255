import type { DeviceSession } from '../../lib/device-client/device-session';
import type { DevicePool } from '../../lib/device-client/device-pool';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { AppConfig } from '../../lib/config/load-config';
import type { JobResult, Sharing } from './job-queue';

/**
 * Work on one device's session, given the job's input (plain data, as it was queued: the task
 * checks it). `started()` stops others sharing it (a backup must see every change).
 */
export type DeviceTask = (session: DeviceSession, input: unknown, started: () => void) => Promise<JobResult>;

/** One piece of device work, as an event asks for it. */
export interface QueuedJob {
  /** The name of a task in the server's task table (the event's name). */
  task: string;
  device: string;
  /** Jobs with the same key share one run (see JobQueue). */
  key: string;
  /** How long a finished result answers the same key again (EVENT_COALESCE_MS; 0: never). */
  coalesceMs: number;
  /** When the event happened (eventTime): a job that began reading the device before it cannot answer it. */
  eventAtMs: number;
  /** The task's input: plain data, so that a job can wait in Redis. */
  input: unknown;
}

export interface SubmittedJob {
  id: string;
  sharing: Sharing;
  /** The job's result, or its error (an AppError). */
  result(): Promise<JobResult>;
}

/**
 * Runs device jobs: one at a time per device, in the order they came, identical work shared.
 * `LocalJobRunner` does it in this process; `RedisJobRunner` across every copy of the server.
 */
export interface JobRunner {
  /** Throws 429 RATE_LIMITED when the device already has too much waiting. */
  submit(job: QueuedJob): Promise<SubmittedJob>;
  /** What GET /jobs/:id shows, or undefined for an unknown (or forgotten) job. */
  view(id: string): Promise<Record<string, unknown> | undefined>;
  /** Extra fields for GET /health. */
  health(): Record<string, unknown>;
  close(): Promise<void>;
}

export interface JobRunnerDeps {
  config: Pick<AppConfig, 'redisUrl' | 'redisLockMs'>;
  pool: DevicePool;
  tasks: Record<string, DeviceTask>;
  /** Every device name of the inventory. */
  devices: string[];
  logger: EventLogger;
}
