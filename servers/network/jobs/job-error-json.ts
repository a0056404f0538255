import { AppError, ERROR_TABLE, isAppError, type ErrorCode } from '../../lib/errors';

/**
 * A job's error travels through Redis as BullMQ's `failedReason`, a string: the AppError as
 * JSON, so the copy that answers gives the same code, message and status as the one that ran it.
 */
export function encodeJobError(err: unknown): string {
  const e = isAppError(err) ? err : new AppError('INTERNAL', undefined, { cause: err });
  return JSON.stringify({ code: e.code, message: e.message, details: e.details, headers: e.headers });
}

export function decodeJobError(failedReason: string | undefined): AppError {
  try {
    const e = JSON.parse(failedReason ?? '') as { code: ErrorCode; message: string; details?: []; headers?: Record<string, string> };
    if (e.code in ERROR_TABLE) return new AppError(e.code, e.message, { details: e.details, headers: e.headers });
  } catch {
    // not one of ours, e.g. BullMQ's "job stalled more than allowable limit"
  }
  return new AppError('INTERNAL', undefined, { cause: new Error(failedReason) });
}
