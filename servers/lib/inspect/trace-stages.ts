import type { IncomingHttpHeaders } from 'node:http';
import { isAppError, type ErrorDetail } from '../errors';
import type { AppConfig } from '../load-config';
import { TIMESTAMP_TOLERANCE_S } from '../webhook-signatures';
import { isAllowed, parseAllowlist } from '../allow-addresses';
import { describeJsonError, findJsonError } from './find-json-error';
import type { LateStage, RequestTrace } from './request-trace';

/** The checks of POST /events in the order the pipeline runs them (create-webhook-app.ts). */
export const EVENT_STAGES = ['allow-list', 'rate limit', 'content type', 'body', 'authentication', 'JSON', 'schema', 'duplicate', 'handler', 'journal'] as const;
export type StageName = (typeof EVENT_STAGES)[number] | 'route';

export type StageOutcome = 'passed' | 'failed' | 'off' | 'not reached' | 'duplicate';

export interface StageView {
  name: StageName;
  outcome: StageOutcome;
  /** What happened, in a sentence. */
  detail: string;
  /** One line per failing field (schema) or per problem. */
  details?: ErrorDetail[];
}

/** What the stage list needs to know about the server's configuration. */
export interface PipelineSettings {
  ipAllowlist: readonly string[];
  rateLimitPerMin: number;
  token: boolean;
  secret: boolean;
  bodyLimitBytes: number;
}

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
const LATE_STAGE_NAME: Record<LateStage, StageName> = { json: 'JSON', schema: 'schema', duplicate: 'duplicate', handler: 'handler', journal: 'journal' };

const AUTH_METHODS: Record<string, string> = {
  bearer: 'Bearer token: the Authorization header matches WEBHOOK_TOKEN.',
  'hub-signature-256': 'X-Hub-Signature-256: the HMAC-SHA256 of the body with WEBHOOK_SECRET matches.',
  'standard-webhooks': 'Standard Webhooks: webhook-signature (HMAC-SHA256 of id.timestamp.body with WEBHOOK_SECRET) matches, and the timestamp is fresh.',
};

interface Failure {
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** The error as the answer told it (an INTERNAL error's real message stays in the log). */
function failureOf(trace: RequestTrace): Failure | undefined {
  if (trace.error === undefined) return undefined;
  const answer = (trace.answer as { error?: { code?: string; message?: string } } | undefined)?.error;
  const details = isAppError(trace.error) ? trace.error.details : [];
  return { code: answer?.code ?? 'INTERNAL', message: answer?.message ?? 'Something went wrong.', details: answer?.code === 'INTERNAL' ? [] : details };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Which proofs the request carried (never their values). */
function presentedProofs(headers: IncomingHttpHeaders): string[] {
  const proofs: string[] = [];
  if (/^Bearer\s/i.test(header(headers, 'authorization') ?? '')) proofs.push('a bearer token');
  if (header(headers, 'x-hub-signature-256') !== undefined) proofs.push('X-Hub-Signature-256');
  if (header(headers, 'webhook-signature') !== undefined) proofs.push('a Standard Webhooks signature');
  return proofs;
}

/** Why authentication refused the request, with the facts a student can check. */
function authFailure(trace: RequestTrace, message: string): string {
  const headers = trace.done?.headers ?? {};
  const timestamp = header(headers, 'webhook-timestamp');
  if (/webhook-timestamp is outside/.test(message) && timestamp !== undefined) {
    const age = Math.round(trace.at / 1000 - Number(timestamp));
    const how = age >= 0 ? `${age} s old` : `${-age} s in the future`;
    return `The webhook-timestamp is ${how}: more than ${TIMESTAMP_TOLERANCE_S} s off, so this could be a replayed delivery.`;
  }
  const proofs = presentedProofs(headers);
  return proofs.length === 0 ? message : `${message} (The request carried ${proofs.join(' and ')}.)`;
}

/** Where the body stops being JSON (the answer's message may quote part of the body). */
function jsonFailure(body: Buffer | undefined, message: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body ?? Buffer.alloc(0));
  } catch {
    return 'The body is not valid UTF-8.';
  }
  const place = findJsonError(text);
  return place ? `Not valid JSON at ${describeJsonError(text, place)}` : message;
}

function rateLimitDetail(header: string | undefined, perMinute: number): string {
  const remaining = /remaining=(\d+)/.exec(header ?? '')?.[1];
  return `Within ${perMinute} requests a minute per address${remaining === undefined ? '' : ` (${remaining} left this minute)`}.`;
}

function deliveryId(headers: IncomingHttpHeaders): string | undefined {
  return header(headers, 'webhook-id') ?? header(headers, 'x-github-delivery') ?? header(headers, 'idempotency-key');
}

/** The detail of a stage that passed (or was switched off) on this request. */
function passedDetail(stage: StageName, trace: RequestTrace, settings: PipelineSettings): { outcome: StageOutcome; detail: string } {
  const done = trace.done;
  const answer = (trace.answer ?? {}) as Record<string, unknown>;
  switch (stage) {
    case 'allow-list':
      return settings.ipAllowlist.length === 0
        ? { outcome: 'off', detail: 'IP_ALLOWLIST is not set: any address may call.' }
        : { outcome: 'passed', detail: `${done?.source} is in IP_ALLOWLIST.` };
    case 'rate limit':
      return settings.rateLimitPerMin === 0
        ? { outcome: 'off', detail: 'RATE_LIMIT_PER_MIN=0: no limit.' }
        : { outcome: 'passed', detail: rateLimitDetail(done?.rateLimit, settings.rateLimitPerMin) };
    case 'content type':
      return { outcome: 'passed', detail: `Content-Type: ${header(done?.headers ?? {}, 'content-type')}` };
    case 'body':
      return { outcome: 'passed', detail: `${done?.body?.length ?? 0} bytes (BODY_LIMIT is ${settings.bodyLimitBytes}).` };
    case 'authentication':
      if (!settings.token && !settings.secret) return { outcome: 'off', detail: 'No WEBHOOK_TOKEN or WEBHOOK_SECRET: the server runs open, anyone who can reach it may send events.' };
      return { outcome: 'passed', detail: AUTH_METHODS[done?.authMethod ?? ''] ?? `Accepted (${done?.authMethod}).` };
    case 'JSON':
      return { outcome: 'passed', detail: 'Valid JSON in UTF-8.' };
    case 'schema':
      return { outcome: 'passed', detail: `Matches the ${done?.eventName ?? 'event'} schema.` };
    case 'duplicate': {
      const id = deliveryId(done?.headers ?? {});
      if (trace.outcome === 'duplicate') {
        return { outcome: 'duplicate', detail: `Delivery ${id} was received before, as event ${String(answer.id)}: acknowledged, and not acted on again.` };
      }
      return { outcome: 'passed', detail: id === undefined ? 'No delivery id (webhook-id, X-GitHub-Delivery or Idempotency-Key): nothing to compare.' : `Delivery ${id} is new.` };
    }
    case 'handler':
      if (trace.outcome === 'duplicate') return { outcome: 'not reached', detail: 'A duplicate is not handled again.' };
      if (trace.outcome === 'ignored') return { outcome: 'passed', detail: `Ignored: ${String(answer.reason)}` };
      if (trace.outcome === 'accepted') return { outcome: 'passed', detail: 'Accepted (202): the work goes on after the answer; its steps appear below as they happen.' };
      return { outcome: 'passed', detail: `Handled ${done?.eventName ?? 'the event'}.` };
    case 'journal':
      return { outcome: 'passed', detail: `Written to events.jsonl as event ${trace.eventId}, before the answer went out.` };
    case 'route':
      return { outcome: 'passed', detail: `${done?.method} ${done?.url}` };
  }
}

/** The stage that refused the request, given its error. */
function failingStage(trace: RequestTrace, failure: Failure, isEvent: boolean, settings: PipelineSettings): StageName {
  if (trace.stage !== undefined) return LATE_STAGE_NAME[trace.stage];
  if (failure.code === 'FORBIDDEN' && settings.ipAllowlist.length > 0 && !isAllowed(parseAllowlist(settings.ipAllowlist), trace.done?.source)) return 'allow-list';
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
      if (name === 'journal' && failed === 'handler') return { name, outcome: 'passed', detail: 'Recorded with outcome "error": the sender may deliver it again.' };
      return { name, outcome: 'not reached', detail: '' };
    }
    if (name === failed && failure) {
      after = true;
      let detail = `${failure.code}: ${failure.message}`;
      if (name === 'authentication') detail = authFailure(trace, failure.message);
      if (name === 'allow-list') detail = `${done?.source} is not in IP_ALLOWLIST (${settings.ipAllowlist.join(', ')}).`;
      if (name === 'JSON' && failure.code === 'INVALID_JSON') detail = jsonFailure(trace.done?.body, failure.message);
      return { name, outcome: 'failed', detail, ...(failure.details.length > 0 && { details: failure.details }) };
    }
    if (name === 'route' && done?.aborted) return { name, outcome: 'failed', detail: 'The client closed the connection before the answer was sent.' };
    return { name, ...passedDetail(name, trace, settings) };
  });
}
