import { reply } from '../../lib/pipeline/reply';
import type { EventResult, WebhookEvent } from '../../lib/pipeline/event-handler';
import type { EventContext } from '../../lib/pipeline/request-context';
import type { SubmittedJob } from './job-runner';
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
 * Answers with a submitted job the way the client asked: by default it waits and answers the
 * result (what a student running curl wants to see); with `Prefer: respond-async` it answers
 * 202 Accepted at once, with the job's URL in Location, to poll with GET /jobs/:id.
 */
export async function answerWithJob({ id, sharing, result }: SubmittedJob, ctx: EventContext): Promise<EventResult> {
  const meta = { id: ctx.id, job_id: id, coalesced: sharing === 'new' ? false : sharing };
  if (prefersAsync(ctx.headers.prefer)) {
    const location = `/jobs/${id}`;
    return reply(202, { status: 'accepted', ...meta, location }, { Location: location, 'Preference-Applied': 'respond-async' });
  }
  return { ...(await result()), ...meta };
}
