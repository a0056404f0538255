/**
 * True when the request carries `Prefer: respond-async` (RFC 7240 §4.1): the client would rather
 * get 202 and a job to poll than wait. Preferences are comma-separated, parameters follow `;`.
 */
export function prefersAsync(header: string | string[] | undefined): boolean {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return values.flatMap((v) => v.split(',')).some((pref) => pref.split(';')[0]!.trim().toLowerCase() === 'respond-async');
}
