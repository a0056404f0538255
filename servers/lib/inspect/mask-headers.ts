import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry a credential: shown as present, never with their value. */
const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|signature|secret|token|api-key|password/i;
const MASK = '•••••• (masked)';

/**
 * The request's headers as [name, value] pairs for the inspector, credentials masked: an
 * Authorization header keeps its scheme (`Bearer ••••••`), so a student still sees which kind
 * of proof was sent.
 */
export function maskHeaders(headers: IncomingHttpHeaders): Array<[string, string]> {
  return Object.entries(headers).map(([name, value]) => {
    const text = Array.isArray(value) ? value.join(', ') : String(value ?? '');
    if (!SECRET_HEADER.test(name)) return [name, text.slice(0, 1000)];
    const scheme = /authorization$/i.test(name) ? /^([A-Za-z][\w-]{0,20})\s/.exec(text)?.[1] : undefined;
    return [name, scheme ? `${scheme} ${MASK}` : MASK];
  });
}
