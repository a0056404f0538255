import { EventStream } from '../../../common/event-stream/event-stream';
import type { RequestTrace } from './request-trace';
import type { PipelineSettings } from './trace-stages';
import { traceView } from './trace-view';

/**
 * A trace as a `trace` message, made once however many pages watch: kept until the trace gains
 * a step (a job still running after a 202), when it is made again.
 */
export function formatTraces(settings: PipelineSettings, boot: string): (trace: RequestTrace) => string {
  const made = new WeakMap<RequestTrace, { steps: number; text: string }>();
  return (trace) => {
    const kept = made.get(trace);
    if (kept?.steps === trace.steps.length) return kept.text;
    const text = EventStream.format('trace', traceView(trace, settings), `${boot}:${trace.seq}`);
    made.set(trace, { steps: trace.steps.length, text });
    return text;
  };
}

/**
 * The newest messages that fit in `maxBytes`, oldest first (messages are made newest first, and
 * only until the budget is spent), and how many were left out.
 */
export function newestWithin(maxBytes: number, messages: Array<() => string>): { texts: string[]; left: number } {
  const texts: string[] = [];
  let bytes = 0;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const text = messages[i]!();
    bytes += text.length;
    if (bytes > maxBytes && texts.length > 0) return { texts: texts.reverse(), left: i + 1 };
    texts.push(text);
  }
  return { texts: texts.reverse(), left: 0 };
}
