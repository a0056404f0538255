import { rawHttpError } from '../../../common/net/raw-http-error';
import { ERROR_TABLE, type ErrorCode } from '../errors';

/**
 * A complete HTTP/1.1 error answer in the shared shape, as bytes for a bare socket: for the
 * moments before Express runs (unparseable HTTP, a request too slow, a connection over a limit).
 */
export function rawErrorResponse(code: ErrorCode, headers: Record<string, string> = {}): string {
  const { status, message } = ERROR_TABLE[code];
  return rawHttpError(status, code, message, headers);
}
