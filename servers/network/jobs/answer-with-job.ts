import { reply } from '../../lib/pipeline/reply';
import type { EventResult, WebhookEvent } from '../../lib/pipeline/event-handler';
import type { EventContext } from '../../lib/pipeline/request-context';
import { currentTrace } from '../../lib/inspect/request-trace';
import type { QueuedJob, JobRunner } from './job-runner';
import { prefersAsync } from './prefers-async';

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
export async function answerWithJob(jobs: JobRunner, work: QueuedJob, ctx: EventContext): Promise<EventResult> {
  const { id, sharing, result } = await jobs.submit(work);
  const meta = { id: ctx.id, job_id: id, coalesced: sharing === 'new' ? false : sharing };
  if (sharing !== 'new') {
    // The live view: this event did no device work of its own; the event that started the job shows it.
    currentTrace()?.addStep({
      kind: 'job',
      ok: true,
      text:
        sharing === 'in-flight'
          ? `The same work was already running (job ${id}): this event shares its result. The commands are shown on the event that started it.`
          : `The same work finished moments ago (job ${id}, within EVENT_COALESCE_MS): answered from its result, nothing sent to the device.`,
    });
  }
  if (prefersAsync(ctx.headers.prefer)) {
    const location = `/jobs/${id}`;
    return reply(202, { status: 'accepted', ...meta, location }, { Location: location, 'Preference-Applied': 'respond-async' });
  }
  return { ...(await result()), ...meta };
}
