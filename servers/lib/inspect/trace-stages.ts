import { isAppError } from '../errors';
import type { AppConfig } from '../config/load-config';
import { isAllowed, parseAllowlist } from '../security/allow-addresses';
import type { LateStage, RequestTrace } from './request-trace';
import { failedDetail, passedDetail } from './stage-details';

import { EVENT_STAGES, type Failure, type PipelineSettings, type StageName, type StageView } from './stage-types';

export { EVENT_STAGES, type Failure, type PipelineSettings, type StageName, type StageOutcome, type StageView } from './stage-types';

export function pipelineSettings(config: Readonly<AppConfig>): PipelineSettings {
  return {
    ipAllowlist: config.ipAllowlist,
    rateLimitPerMin: config.rateLimitPerMin,
    token: Boolean(config.webhookToken),
    secret: config.webhookSecrets.length > 0,
    bodyLimitBytes: config.bodyLimitBytes,
  };
}

// Before the body is parsed, every check fails with an error code no other check uses, so the
// code names the check that refused the request.
const EARLY_STAGE_OF: Record<string, StageName> = {
  FORBIDDEN: 'allow-list',
  RATE_LIMITED: 'rate limit',
  UNSUPPORTED_MEDIA_TYPE: 'content type',
  INVALID_JSON: 'body',
  PAYLOAD_TOO_LARGE: 'body',
  UNAUTHORIZED: 'authentication',
};
const LATE_STAGE_NAME: Record<LateStage, StageName> = {
  json: 'JSON',
  schema: 'schema',
  duplicate: 'duplicate',
  handler: 'handler',
  journal: 'journal',
};

/** The error as the answer told it (an INTERNAL error's real message stays in the log). */
function failureOf(trace: RequestTrace): Failure | undefined {
  if (trace.error === undefined) return undefined;
  const answer = (trace.answer as { error?: { code?: string; message?: string } } | undefined)?.error;
  const details = isAppError(trace.error) ? trace.error.details : [];
  return {
    code: answer?.code ?? 'INTERNAL',
    message: answer?.message ?? 'Something went wrong.',
    details: answer?.code === 'INTERNAL' ? [] : details,
  };
}

/** The stage that refused the request, given its error. */
function failingStage(trace: RequestTrace, failure: Failure, isEvent: boolean, settings: PipelineSettings): StageName {
  if (trace.stage !== undefined) return LATE_STAGE_NAME[trace.stage];
  if (
    failure.code === 'FORBIDDEN' &&
    settings.ipAllowlist.length > 0 &&
    !isAllowed(parseAllowlist(settings.ipAllowlist), trace.done?.source)
  )
    return 'allow-list';
  if (failure.code === 'RATE_LIMITED') return 'rate limit';
  if (!isEvent) return 'route';
  // An error no check owns (an INTERNAL one): the first stage not known to have passed.
  return EARLY_STAGE_OF[failure.code] ?? (trace.done?.body === undefined ? 'body' : 'authentication');
}

/**
 * Every stage of the pipeline and what it did with this request: passed (with what it found),
 * failed (and why), switched off in the configuration, or not reached after a failure. Other
 * requests (GET /health, GET /events …) show the two checks every request passes, then the route.
 */
export function traceStages(trace: RequestTrace, settings: PipelineSettings): StageView[] {
  const done = trace.done;
  const isEvent = done?.method === 'POST' && (done.url === '/events' || done.url.startsWith('/events?'));
  const names: readonly StageName[] = isEvent ? EVENT_STAGES : ['allow-list', 'rate limit', 'route'];
  const failure = failureOf(trace);
  const failed = failure && failingStage(trace, failure, isEvent, settings);
  let after = false;
  return names.map((name): StageView => {
    if (after) {
      // A failed handler's event is still journaled (dispatch-event.ts), as an error.
      if (name === 'journal' && failed === 'handler')
        return { name, outcome: 'passed', detail: 'Recorded with outcome "error": the sender may deliver it again.' };
      return { name, outcome: 'not reached', detail: '' };
    }
    if (name === failed && failure) {
      after = true;
      return {
        name,
        outcome: 'failed',
        detail: failedDetail(name, trace, failure, settings),
        ...(failure.details.length > 0 && { details: failure.details }),
      };
    }
    if (name === 'route' && done?.aborted)
      return { name, outcome: 'failed', detail: 'The client closed the connection before the answer was sent.' };
    return { name, ...passedDetail(name, trace, settings) };
  });
}
