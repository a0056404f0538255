import diagnostics_channel from 'node:diagnostics_channel';

/** What the API client did, as facts: the live view (servers/lib/inspect) words them as steps. */
export type UpstreamActivity =
  /** One HTTP attempt: its full URL and the status, or the network error's code. */
  | { type: 'attempt'; url: string; status?: number; code?: string; attempt: number; durationMs?: number }
  | { type: 'failed'; api: string; attempts: number; code: string; message: string }
  /** Answered without the upstream (the circuit breaker's offline answer). */
  | { type: 'fallback'; api: string; reason: string };

/** The API client's diagnostics channel (Node's diagnostics_channel). */
export const upstreamChannel = diagnostics_channel.channel('hooklab:upstream');

/** Publishes what the API client did, if anybody listens. */
export function publishUpstreamActivity(activity: UpstreamActivity): void {
  if (upstreamChannel.hasSubscribers) upstreamChannel.publish(activity);
}
