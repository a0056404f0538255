import { reply } from '../lib/reply';
import type { EventResult, WebhookEvent } from '../lib/event-handler';
import type { EventContext } from '../lib/request-context';
import type { JobQueue, JobResult } from './job-queue';
import { prefersAsync } from './prefers-async';

export interface DeviceWork {
  /** Events with the same key share one job (see JobQueue). */
  key: string;
  /** How long a finished result answers the same key again (0: never). */
  reuseMs: number;
  /** When the event happened (see eventTime): a job that looked at the device before it cannot answer it. */
  eventAtMs: number;
  work: (started: () => void) => Promise<JobResult>;
}

/**
 * When the event happened: the payload's `timestamp` (a device stamps the change itself), but
 * never later than its arrival; without one, its arrival.
 */
export function eventTime(payload: WebhookEvent, ctx: EventContext): number {
  const arrived = ctx.receivedAt.getTime();
  const stamped = payload.timestamp === undefined ? Number.NaN : Date.parse(payload.timestamp);
  return Number.isFinite(stamped) ? Math.min(stamped, arrived) : arrived;
}

/**
 * Submits the work and answers the way the client asked: by default it waits and answers the
 * result (what a student running curl wants to see); with `Prefer: respond-async` it answers
 * 202 Accepted at once, with the job's URL in Location, to poll with GET /jobs/:id.
 */
export async function answerWithJob(jobs: JobQueue, { key, reuseMs, eventAtMs, work }: DeviceWork, ctx: EventContext): Promise<EventResult> {
  const { job, sharing } = jobs.submit(key, work, reuseMs, eventAtMs);
  const meta = { id: ctx.id, job_id: job.id, coalesced: sharing === 'new' ? false : sharing };
  if (prefersAsync(ctx.headers.prefer)) {
    const location = `/jobs/${job.id}`;
    return reply(202, { status: 'accepted', ...meta, location }, { Location: location, 'Preference-Applied': 'respond-async' });
  }
  return { ...(await job.done), ...meta };
}
