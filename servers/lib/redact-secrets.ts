/** Field names that look like they hold a credential. */
export const SECRET_FIELD = /secret|token|passw(or)?d|authorization|api[-_]?key|signature|credential|private[-_]?key/i;
const MAX_DEPTH = 64;

/**
 * A copy of a JSON value with every secret-looking field replaced by "[REDACTED]", at any
 * depth, so the event journal never keeps a credential a sender put in its payload.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TOO DEEP]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  // fromEntries defines own properties, so even a "__proto__" key stays a plain field.
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELD.test(key) ? '[REDACTED]' : redactSecrets(item, depth + 1)]),
  );
}
