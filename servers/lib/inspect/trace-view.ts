import { maskConfigSecrets } from '../../../common/ios/mask-config-secrets';
import type { JournalEntry } from '../journal/event-journal';
import { describeBody, type BodyView } from './describe-body';
import { maskHeaders } from './mask-headers';
import type { RecordedStep, RequestTrace } from './request-trace';
import { traceStages, type PipelineSettings, type StageView } from './trace-stages';

/** One request as the page shows it (the JSON of a `trace` message on /inspect/feed). */
export interface TraceView {
  kind: 'trace';
  seq: number;
  request_id: string;
  event_id?: string;
  /** ISO-8601 arrival time. */
  at: string;
  source: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  aborted: boolean;
  event?: string;
  outcome?: string;
  headers: Array<[string, string]>;
  body?: BodyView;
  stages: StageView[];
  steps: RecordedStep[];
  /** The answer's body, pretty-printed. */
  answer?: string;
}

/** A journaled event this server no longer holds a trace of (it restarted, or the trace aged out). */
export interface JournalView {
  kind: 'journal';
  event_id: string;
  at: string;
  source: string;
  event: string;
  outcome: string;
  status: number;
  code?: string;
  duration_ms: number;
  /** The payload as journaled (secret-looking fields redacted), pretty-printed. */
  payload: string;
}

const MAX_ANSWER = 64 * 1024;

function pretty(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value, null, 2) ?? String(value);
  return text.length > MAX_ANSWER ? `${text.slice(0, MAX_ANSWER)}\n… (cut)` : text;
}

/** What a device answered or was sent, with the secrets of its configuration masked as the backup diff masks them. */
function maskedStep(step: RecordedStep): RecordedStep {
  return {
    ...step,
    text: maskConfigSecrets(step.text),
    ...(step.output !== undefined && { output: maskConfigSecrets(step.output) }),
  };
}

/** Turns a finished trace into what the page shows. Runs only when someone is looking. */
export function traceView(trace: RequestTrace, settings: PipelineSettings): TraceView {
  const done = trace.done;
  const body = describeBody(done?.body);
  return {
    kind: 'trace',
    seq: trace.seq,
    request_id: trace.requestId,
    event_id: trace.eventId,
    at: new Date(trace.at).toISOString(),
    source: done?.source ?? 'unknown',
    method: done?.method ?? '?',
    path: done?.url ?? '?',
    status: done?.status ?? 0,
    duration_ms: done?.durationMs ?? 0,
    aborted: done?.aborted ?? false,
    // A body refused before it was parsed (authentication, say) is still found by its event.
    event: done?.eventName ?? body?.event,
    outcome: trace.outcome,
    headers: maskHeaders(done?.headers ?? {}),
    body: body?.view,
    stages: traceStages(trace, settings),
    steps: trace.steps.map(maskedStep),
    answer: pretty(trace.answer),
  };
}

export function journalView(entry: JournalEntry): JournalView {
  return {
    kind: 'journal',
    event_id: entry.id,
    at: entry.received_at,
    source: entry.source,
    event: entry.event,
    outcome: entry.outcome,
    status: entry.status,
    code: entry.code,
    duration_ms: entry.duration_ms,
    payload: pretty(entry.payload) ?? 'null',
  };
}
