import { AppError } from '../../lib/errors';
import type { DevicePool } from '../../lib/device-client/device-pool';
import { JobQueue } from './job-queue';
import type { QueuedJob, DeviceTask, JobRunner, SubmittedJob } from './job-runner';

/**
 * Jobs in this process: the JobQueue shares identical work and keeps results for GET /jobs/:id;
 * the DevicePool runs one task at a time per device over its one SSH session.
 */
export class LocalJobRunner implements JobRunner {
  private readonly jobs = new JobQueue();

  constructor(
    private readonly pool: DevicePool,
    private readonly tasks: Record<string, DeviceTask>,
  ) {}

  async submit({ task, device, key, coalesceMs, eventAtMs, input }: QueuedJob): Promise<SubmittedJob> {
    const run = this.tasks[task];
    if (!run) throw new AppError('INTERNAL', `No device task named ${task}.`);
    // The job's look at the device begins when the device is its: events after that get a job of their own.
    const work = (started: () => void) =>
      this.pool.run(device, (s) => {
        started();
        return run(s, input, started);
      });
    const { job, sharing } = this.jobs.submit(key, work, coalesceMs, eventAtMs);
    return { id: job.id, sharing, result: () => job.done };
  }

  async view(id: string): Promise<Record<string, unknown> | undefined> {
    const job = this.jobs.get(id);
    return job && this.jobs.view(job);
  }

  health(): Record<string, unknown> {
    return {};
  }

  async close(): Promise<void> {}
}
