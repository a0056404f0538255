import { CheckFailure, must } from '../check-failure';
import { describeAnswer, type Answer } from '../grade-http';

export type Json = Record<string, unknown>;

/** The answer's JSON object, after checking its status; else a reason saying what came instead. */
export function expectJson(a: Answer, status: number | ((s: number) => boolean), what: string): Json {
  const ok = typeof status === 'number' ? a.status === status : status(a.status);
  const wanted = typeof status === 'number' ? `HTTP ${status}` : 'a 2xx answer';
  if (!ok) throw new CheckFailure(`${what}: expected ${wanted}, got ${describeAnswer(a)}`);
  if (typeof a.json !== 'object' || a.json === null || Array.isArray(a.json)) {
    throw new CheckFailure(`${what}: expected a JSON object, got ${describeAnswer(a)}`);
  }
  return a.json as Json;
}

/**
 * The lab's error shape: `{"error":{"code","message","details":[...]},"request_id"}` with the
 * given status (and code, when given).
 */
export function expectError(a: Answer, status: number, code: string | undefined, what: string): Json {
  const body = expectJson(a, status, what);
  const error = body.error as Json | undefined;
  must(typeof error === 'object' && error !== null, `${what}: HTTP ${status} but no "error" object (${describeAnswer(a)})`);
  must(
    typeof error.code === 'string' && typeof error.message === 'string' && Array.isArray(error.details),
    `${what}: "error" lacks code, message or details[] (${describeAnswer(a)})`,
  );
  must(code === undefined || error.code === code, `${what}: expected error code ${code}, got ${String(error.code)}`);
  return error;
}

/** The fields the error's details name. */
export function detailFields(error: Json): string[] {
  return (error.details as unknown[]).map((d) => (typeof d === 'object' && d !== null ? String((d as Json).field) : ''));
}

/** A 2xx answer `{"status":"ignored"}`: an event the server does not handle. */
export function expectIgnored(a: Answer, what: string): void {
  const body = expectJson(a, (s) => s >= 200 && s < 300, what);
  must(body.status === 'ignored', `${what}: expected "status":"ignored", got ${describeAnswer(a)}`);
}

/** `GET /health` answers 200 {"status":"ok"}. */
export function expectHealthy(a: Answer, what: string): void {
  const body = expectJson(a, 200, what);
  must(body.status === 'ok', `${what}: expected "status":"ok", got ${describeAnswer(a)}`);
}
