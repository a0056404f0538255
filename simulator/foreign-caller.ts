import type { IncomingHttpHeaders } from 'node:http';

/** `localhost`, `127.x.x.x` or `[::1]`, with an optional port: names that only reach this machine. */
const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/**
 * Why a request to the control port must be refused, or `undefined` when it comes from a tool on
 * this machine. The control port shuts interfaces, so a web page must not reach it through the
 * user's browser:
 * - `Host` must be a loopback name. DNS rebinding points a site's own name (rebind.evil.example)
 *   at 127.0.0.1; the browser then sends that name as Host.
 * - `Origin`, which browsers send with cross-site POSTs and fetches, must be the control port's
 *   own origin (`http://` + Host). A form on any other site, or another local dev server, fails.
 * - `Sec-Fetch-Site`, when a browser sends it, must say same-origin or none (typed in the bar).
 * curl and Node's fetch send no Origin and pass.
 */
export function foreignCaller(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host ?? '';
  if (!LOOPBACK_HOST.test(host)) return 'The control port answers only requests addressed to localhost, 127.0.0.1 or [::1].';
  const origin = headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return 'The control port answers only its own origin: cross-site requests are refused.';
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return 'The control port answers only its own origin: cross-site requests are refused.';
  }
  return undefined;
}
