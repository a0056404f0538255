import { describeAnswer, type Answer } from '../grade-http';

/**
 * Reading answers the way the lab allows: no fixed field names. An answer is judged by its
 * status, whether its body is JSON, and what the JSON says anywhere inside it.
 */

const is2xx = (a: Answer): boolean => a.status >= 200 && a.status < 300;
const isJson = (a: Answer): boolean => typeof a.json === 'object' && a.json !== null;

/** Every string in a JSON value, keys included, at any depth. */
export function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      allStrings(v, out);
    }
  }
  return out;
}

/** Lower case, one space between words: how texts are compared. */
export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** True when some string in the JSON contains `text` (case and spacing ignored). */
export function mentions(json: unknown, text: string): boolean {
  const wanted = normalize(text);
  return allStrings(json).some((s) => normalize(s).includes(wanted));
}

/** A JSON body that says it is an error: a top-level "error"/"errors" or "status": "error". */
function saysError(json: unknown): boolean {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return false;
  const o = json as Record<string, unknown>;
  return Boolean(o.error) || Boolean(o.errors) || (typeof o.status === 'string' && /^(error|fail(ed|ure)?)$/i.test(o.status));
}

/** Why `a` is not an acknowledgement (2xx, a JSON body that is not an error); '' when it is one. */
export function notAnAck(a: Answer, what: string): string {
  if (!is2xx(a)) return `${what}: expected a 2xx answer, got ${describeAnswer(a)}`;
  if (!isJson(a)) return `${what}: expected a JSON answer, got ${describeAnswer(a)}`;
  if (saysError(a.json)) return `${what}: answered 2xx, but the JSON says it is an error: ${describeAnswer(a)}`;
  return '';
}

/** Why `a` is not an answer to an event the server does not handle (any 2xx JSON that is not an error); ''. */
export function notIgnored(a: Answer, what: string): string {
  if (!is2xx(a)) return `${what}: expected a 2xx answer such as {"status": "unrecognized event"}, got ${describeAnswer(a)}`;
  return notAnAck(a, what);
}

/**
 * Why `a` is not an error of the given class with a JSON body that says something (some text);
 * '' when it is one.
 */
export function notAnError(a: Answer, kind: '4xx' | '5xx', what: string): string {
  const low = kind === '4xx' ? 400 : 500;
  if (a.status < low || a.status >= low + 100) {
    const wanted = kind === '4xx' ? 'a 4xx error (e.g. 400, 401, 422)' : 'a 5xx error (e.g. 502, 504)';
    return `${what}: expected ${wanted}, got ${describeAnswer(a)}`;
  }
  if (!isJson(a)) return `${what}: HTTP ${a.status}, but the body is not JSON saying what is wrong: ${describeAnswer(a)}`;
  if (!allStrings(a.json).some((s) => /[a-z]{3}/i.test(s)))
    return `${what}: HTTP ${a.status}, but the JSON body says nothing: ${describeAnswer(a)}`;
  return '';
}

/** A 4xx answer of any body: the request was refused. */
export const refused = (a: Answer): boolean => a.status >= 400 && a.status < 500;
export const accepted = (a: Answer): boolean => is2xx(a);
