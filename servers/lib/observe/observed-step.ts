import diagnostics_channel from 'node:diagnostics_channel';

/**
 * One thing a handler's work did, in the words a student reads in the live view: an upstream
 * call, an SSH login or command, a verdict, a decision, work shared with another event.
 */
export interface ObservedStep {
  /**
   * api: one upstream HTTP attempt · fallback: answered without the upstream · session: an SSH
   * login or a reused session · command: one CLI command · verdict: what the diagnosis found ·
   * decision: whether to change the device, and why · job: device work shared with another event.
   */
  kind: 'api' | 'fallback' | 'session' | 'command' | 'verdict' | 'decision' | 'job';
  /** One line a student reads, e.g. `GET http://127.0.0.1:8101/search?term=cat → 200`. */
  text: string;
  ok: boolean;
  duration_ms?: number;
  /** A command's output (as the terminal showed it). */
  output?: string;
}

/**
 * Where steps are published (Node's diagnostics_channel): the code doing the work announces
 * what it did, and whoever watches — the live view, servers/lib/inspect — subscribes. With no
 * subscriber, publishing costs one property check. The step belongs to the request whose
 * asynchronous context it is published in.
 */
export const stepChannel = diagnostics_channel.channel('hooklab:step');

/** Publishes a step, if anybody listens. */
export function publishStep(step: ObservedStep): void {
  if (stepChannel.hasSubscribers) stepChannel.publish(step);
}
