import diagnostics_channel from 'node:diagnostics_channel';
import type { Response } from 'express';

/**
 * The stages of POST /events after the body was read, in order; dispatch-event announces each
 * as the request reaches it, so a watcher can tell which stage an error failed. (Before the
 * body is parsed, each check fails with an error code of its own, which names the check.)
 */
export type LateStage = 'json' | 'schema' | 'duplicate' | 'handler' | 'journal';

/** How a request moves through the pipeline, announced for whoever watches (the live view). */
export type PipelineProgress =
  | { type: 'reached'; res: Response; stage: LateStage; eventId?: string }
  | { type: 'answered'; res: Response; body: unknown; outcome?: string }
  | { type: 'failed'; res: Response; error: unknown; body: unknown };

/** The pipeline's diagnostics channel (Node's diagnostics_channel). */
export const pipelineChannel = diagnostics_channel.channel('hooklab:pipeline');

/** Announces a request's progress, if anybody listens. */
export function publishProgress(progress: PipelineProgress): void {
  if (pipelineChannel.hasSubscribers) pipelineChannel.publish(progress);
}
