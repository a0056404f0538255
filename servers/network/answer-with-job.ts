import { reply, type EventResult } from '../lib/reply';
import type { EventContext } from '../lib/request-context';
import type { DeviceJob, JobRunner } from './job-runner';
import { prefersAsync } from './prefers-async';

/**
 * Submits the work and answers the way the client asked: by default it waits and answers the
 * result (what a student running curl wants to see); with `Prefer: respond-async` it answers
 * 202 Accepted at once, with the job's URL in Location, to poll with GET /jobs/:id.
 */
export async function answerWithJob(jobs: JobRunner, work: DeviceJob, ctx: EventContext): Promise<EventResult> {
  const { id, sharing, result } = await jobs.submit(work);
  const meta = { id: ctx.id, job_id: id, coalesced: sharing === 'new' ? false : sharing };
  if (prefersAsync(ctx.headers.prefer)) {
    const location = `/jobs/${id}`;
    return reply(202, { status: 'accepted', ...meta, location }, { Location: location, 'Preference-Applied': 'respond-async' });
  }
  return { ...(await result()), ...meta };
}
