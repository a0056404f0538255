import crypto from 'node:crypto';
import http from 'node:http';
import { ERROR_TABLE, type ErrorCode } from '../errors';

/**
 * A complete HTTP/1.1 error answer in the shared shape, as bytes for a bare socket: for the
 * moments before Express runs (unparseable HTTP, a request too slow, a connection over a limit).
 */
export function rawErrorResponse(code: ErrorCode, headers: Record<string, string> = {}): string {
  const { status, message } = ERROR_TABLE[code];
  const body = JSON.stringify({ error: { code, message, details: [] }, request_id: crypto.randomUUID() });
  const reason = http.STATUS_CODES[status] ?? 'Error';
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}Connection: close\r\n\r\n${body}`;
}
