import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import type { ObservedStep } from '../observe/observed-step';
import type { LateStage } from '../observe/pipeline-progress';

export type { LateStage } from '../observe/pipeline-progress';

/** One thing a handler did (an upstream call, a device command, a decision), as a trace keeps it. */
export type TraceStep = ObservedStep;

/** A step as kept: when it happened, in ms after the request arrived. */
export type RecordedStep = TraceStep & { at_ms: number };

const MAX_STEPS = 100;
const MAX_OUTPUT = 8 * 1024;
/** All the command output one trace keeps, so the feed's memory stays bounded. */
const MAX_OUTPUT_PER_TRACE = 64 * 1024;

/**
 * What one request went through, filled in while it runs. Only references and small objects are
 * kept on the way (this runs on every webhook's ack path); turning them into something to show
 * — masked headers, a pretty body, the stage list — happens in trace-view.ts, when someone looks.
 */
export class RequestTrace {
  /** Position in the server's feed, once published (0 before). */
  seq = 0;
  /** Wall-clock time of arrival (ms since the epoch). */
  readonly at = Date.now();
  /** The last stage of POST /events the request reached (undefined: still before the body was parsed). */
  stage?: LateStage;
  /** The event's id (in the journal and the answer), once it has one. */
  eventId?: string;
  /** ok, ignored, accepted or duplicate (from dispatch-event), when the event was handled. */
  outcome?: string;
  /** What the handler answered, or the error and its answer body. */
  answer?: unknown;
  error?: unknown;
  readonly steps: RecordedStep[] = [];
  /** Characters of command output kept in `steps`. */
  outputBytes = 0;
  /** Filled in when the answer has gone (or the client went away). */
  done?: {
    method: string;
    url: string;
    source: string;
    headers: IncomingHttpHeaders;
    body?: Buffer;
    authMethod?: string;
    eventName?: string;
    status: number;
    durationMs: number;
    /** The client closed the connection before the answer was complete. */
    aborted: boolean;
    /** express-rate-limit's RateLimit header, when rate limiting is on. */
    rateLimit?: string;
  };
  /** Set by the feed: steps that arrive after publication (a 202 job still running) re-publish. */
  onLateStep?: (trace: RequestTrace) => void;

  constructor(
    readonly requestId: string,
    /** process.hrtime.bigint() at arrival (res.locals.startedAt). */
    readonly startedAt: bigint,
  ) {}

  reached(stage: LateStage, eventId?: string): void {
    this.stage = stage;
    if (eventId !== undefined) this.eventId = eventId;
  }

  answered(body: unknown, outcome?: string): void {
    this.answer = body;
    if (outcome !== undefined) this.outcome = outcome;
  }

  failed(error: unknown, body: unknown): void {
    this.error = error;
    this.answer = body;
  }

  addStep(step: TraceStep): void {
    if (this.steps.length >= MAX_STEPS) return;
    let output = step.output;
    if (output !== undefined && output.length > MAX_OUTPUT) output = `${output.slice(0, MAX_OUTPUT)}\n… (cut at ${MAX_OUTPUT} characters)`;
    if (output !== undefined && this.outputBytes + output.length > MAX_OUTPUT_PER_TRACE)
      output = '… (not kept: this request already shows 64 KB of output)';
    this.outputBytes += output?.length ?? 0;
    this.steps.push({
      ...step,
      ...(output !== undefined && { output }),
      at_ms: Math.round(Number(process.hrtime.bigint() - this.startedAt) / 1e4) / 100,
    });
    this.onLateStep?.(this);
  }
}

/**
 * The trace of the request being handled, for code that has no `res` to look at (the API client,
 * the device client): AsyncLocalStorage carries it along the request's promises and callbacks.
 */
const store = new AsyncLocalStorage<RequestTrace>();

/**
 * AsyncLocalStorage is used only in a process that has steps to record. On Node 20 its hooks run
 * for every promise, socket and timer once it is in use: measured, ~30 µs more CPU per request on
 * the basic server's ack (+12%), whose handler calls nothing. So the API client and the device
 * pool switch it on when they are created; the basic server never pays for it.
 */
let stepsRecorded = false;

/** Called by what records handler steps (createApiClient, DevicePool): from now on, requests carry their trace. */
export function recordHandlerSteps(): void {
  stepsRecorded = true;
}

/** Runs `fn` (the rest of the pipeline) with `trace` as the current trace, when steps are recorded at all. */
export function runWithTrace<T>(trace: RequestTrace, fn: () => T): T {
  return stepsRecorded ? store.run(trace, fn) : fn();
}

/** The trace of the request this code runs for, if any (none outside a request, e.g. in a test). */
export function currentTrace(): RequestTrace | undefined {
  return store.getStore();
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** What the inspector shows of this request (servers/lib/inspect). */
      trace?: RequestTrace;
    }
  }
}
