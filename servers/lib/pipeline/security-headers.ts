import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * helmet's security headers (Content-Security-Policy, Strict-Transport-Security,
 * X-Content-Type-Options …), worked out once. With the options used here helmet sets the same
 * headers on every answer, whatever the request, so they are recorded from one run of its
 * middleware at start-up and then set on each answer, instead of running its dozen small
 * middlewares per request. `security-headers.test.ts` holds the list equal to what helmet sets
 * on a real request.
 */
export function securityHeaders(options?: Parameters<typeof helmet>[0]): HeaderList {
  const headers: Array<readonly [string, string]> = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.push([name, String(value)]),
    removeHeader: () => undefined, // X-Powered-By: the app never sets it (x-powered-by disabled)
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}
