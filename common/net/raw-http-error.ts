import crypto from 'node:crypto';
import http from 'node:http';

/**
 * A complete HTTP/1.1 error answer in the shared shape, as bytes for a bare socket: for the
 * moments before a request handler runs (unparseable HTTP, a request too slow, a connection over
 * a limit).
 */
export function rawHttpError(status: number, code: string, message: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify({ error: { code, message, details: [] }, request_id: crypto.randomUUID() });
  const reason = http.STATUS_CODES[status] ?? 'Error';
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}

/** What a listener over its per-address cap answers, before closing the connection. */
export function tooManyConnections(): string {
  return rawHttpError(503, 'TOO_MANY_CONNECTIONS', 'Too many open connections from your address; close some and retry.', {
    'Retry-After': '1',
  });
}

/** The answers Node leaves to the server for a request it could not read (its 'clientError' event). */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers are too large.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request was not sent in time.'],
};

/** Answers unparseable HTTP, or a request too slow to arrive, in the shared shape (431, 408, 400 else). */
export function answerClientError(
  err: NodeJS.ErrnoException,
  socket: { writable: boolean; end(text: string): void; destroy(): void },
): void {
  if (!socket.writable) return void socket.destroy();
  const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? [400, 'BAD_REQUEST', 'That is not a well-formed HTTP request.'];
  socket.end(rawHttpError(status, code, message));
}
