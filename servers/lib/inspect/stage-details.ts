import type { IncomingHttpHeaders } from 'node:http';
import { TIMESTAMP_TOLERANCE_S } from '../../../common/signatures/webhook-signatures';
import { describeJsonError, findJsonError } from './find-json-error';
import type { RequestTrace } from './request-trace';
import type { Failure, PipelineSettings, StageName, StageOutcome } from './stage-types';

/** What each stage says about a request: what it found when it passed, and why it refused one. */

const AUTH_METHODS: Record<string, string> = {
  bearer: 'Bearer token: the Authorization header matches WEBHOOK_TOKEN.',
  'hub-signature-256': 'X-Hub-Signature-256: the HMAC-SHA256 of the body with WEBHOOK_SECRET matches.',
  'standard-webhooks':
    'Standard Webhooks: webhook-signature (HMAC-SHA256 of id.timestamp.body with WEBHOOK_SECRET) matches, and the timestamp is fresh.',
};

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
export function passedDetail(stage: StageName, trace: RequestTrace, settings: PipelineSettings): { outcome: StageOutcome; detail: string } {
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
      if (!settings.token && !settings.secret)
        return {
          outcome: 'off',
          detail: 'No WEBHOOK_TOKEN or WEBHOOK_SECRET: the server runs open, anyone who can reach it may send events.',
        };
      return { outcome: 'passed', detail: AUTH_METHODS[done?.authMethod ?? ''] ?? `Accepted (${done?.authMethod}).` };
    case 'JSON':
      return { outcome: 'passed', detail: 'Valid JSON in UTF-8.' };
    case 'schema':
      return { outcome: 'passed', detail: `Matches the ${done?.eventName ?? 'event'} schema.` };
    case 'duplicate': {
      const id = deliveryId(done?.headers ?? {});
      if (trace.outcome === 'duplicate') {
        return {
          outcome: 'duplicate',
          detail: `Delivery ${id} was received before, as event ${String(answer.id)}: acknowledged, and not acted on again.`,
        };
      }
      return {
        outcome: 'passed',
        detail:
          id === undefined
            ? 'No delivery id (webhook-id, X-GitHub-Delivery or Idempotency-Key): nothing to compare.'
            : `Delivery ${id} is new.`,
      };
    }
    case 'handler':
      if (trace.outcome === 'duplicate') return { outcome: 'not reached', detail: 'A duplicate is not handled again.' };
      if (trace.outcome === 'ignored') return { outcome: 'passed', detail: `Ignored: ${String(answer.reason)}` };
      if (trace.outcome === 'accepted')
        return { outcome: 'passed', detail: 'Accepted (202): the work goes on after the answer; its steps appear below as they happen.' };
      return { outcome: 'passed', detail: `Handled ${done?.eventName ?? 'the event'}.` };
    case 'journal':
      return { outcome: 'passed', detail: `Written to events.jsonl as event ${trace.eventId}, before the answer went out.` };
    case 'route':
      return { outcome: 'passed', detail: `${done?.method} ${done?.url}` };
  }
}

/** Why a stage refused the request, with the facts a student can check. */
export function failedDetail(stage: StageName, trace: RequestTrace, failure: Failure, settings: PipelineSettings): string {
  if (stage === 'authentication') return authFailure(trace, failure.message);
  if (stage === 'allow-list') return `${trace.done?.source} is not in IP_ALLOWLIST (${settings.ipAllowlist.join(', ')}).`;
  if (stage === 'JSON' && failure.code === 'INVALID_JSON') return jsonFailure(trace.done?.body, failure.message);
  return `${failure.code}: ${failure.message}`;
}
