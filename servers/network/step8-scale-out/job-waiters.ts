import { AppError } from '../../lib/errors';
import type { JobResult } from '../jobs/job-queue';
import { decodeJobError } from '../jobs/job-error-json';

/** What a waiter needs to know of a job, as BullMQ stores it. */
export interface FinishedState {
  finishedOn?: number;
  failedReason?: string;
  returnvalue?: JobResult;
}

interface Waiter {
  resolve: (result: JobResult) => void;
  reject: (err: unknown) => void;
}

/**
 * The requests of this copy waiting for jobs, which may run on another copy. A job's completion
 * reaches every copy as a BullMQ event (`completed` / `failed`, from QueueEvents); the waiters
 * of that job id are settled, however many share it.
 */
export class JobWaiters {
  private readonly waiting = new Map<string, Waiter[]>();

  /**
   * Resolves with the job's result or rejects with its error. `current` reads the job once
   * after listening starts: it may have finished before.
   */
  wait(id: string, current: () => Promise<FinishedState | undefined>): Promise<JobResult> {
    return new Promise<JobResult>((resolve, reject) => {
      this.waiting.set(id, [...(this.waiting.get(id) ?? []), { resolve, reject }]);
      current().then(
        (job) => {
          if (!job) this.failed(id, new AppError('NOT_FOUND', `Job ${id} is gone.`));
          else if (job.finishedOn && job.failedReason) this.failed(id, decodeJobError(job.failedReason));
          else if (job.finishedOn) this.completed(id, job.returnvalue ?? {});
        },
        (err: unknown) => this.failed(id, err),
      );
    });
  }

  completed(id: string, result: JobResult): void {
    for (const waiter of this.take(id)) waiter.resolve(result);
  }

  failed(id: string, err: unknown): void {
    for (const waiter of this.take(id)) waiter.reject(err);
  }

  /** Every waiter gets `err` (Redis is gone, or the server is stopping). */
  failAll(err: unknown): void {
    for (const id of [...this.waiting.keys()]) this.failed(id, err);
  }

  private take(id: string): Waiter[] {
    const waiters = this.waiting.get(id) ?? [];
    this.waiting.delete(id);
    return waiters;
  }
}
