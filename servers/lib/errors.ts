/**
 * The one error table: every code a server can answer with, its HTTP status and a default
 * message. Handlers throw `AppError`s by code; only the error handler turns them into HTTP.
 */
export const ERROR_TABLE = {
  INVALID_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  BAD_REQUEST: { status: 400, message: 'That is not a well-formed HTTP request.' },
  UNAUTHORIZED: { status: 401, message: 'Missing or invalid credentials.' },
  FORBIDDEN: { status: 403, message: 'Your address is not allowed to call this server.' },
  NOT_FOUND: { status: 404, message: 'Nothing here.' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here.' },
  REQUEST_TIMEOUT: { status: 408, message: 'The request was not sent in time.' },
  MISDIRECTED_REQUEST: { status: 421, message: 'This server does not answer for that host name.' },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are too large.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'Send the event as JSON (Content-Type: application/json).' },
  VALIDATION_FAILED: { status: 422, message: 'The event does not match the expected shape.' },
  UNKNOWN_DEVICE: { status: 422, message: 'That device is not in the inventory.' },
  UNKNOWN_INTERFACE: { status: 422, message: 'The device has no such interface.' },
  STALE_EVENT: { status: 422, message: 'The event is too old (or from the future) to act on.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; retry later.' },
  UPSTREAM_UNAVAILABLE: { status: 502, message: 'The upstream API is unavailable.' },
  UPSTREAM_BAD_RESPONSE: { status: 502, message: 'The upstream API answered with something unexpected.' },
  UPSTREAM_TIMEOUT: { status: 504, message: 'The upstream API did not answer in time.' },
  DEVICE_UNREACHABLE: { status: 502, message: 'The device could not be reached.' },
  DEVICE_AUTH_FAILED: { status: 502, message: 'The device refused the credentials.' },
  DEVICE_HOST_KEY_CHANGED: { status: 502, message: "The device's SSH host key changed." },
  DEVICE_REJECTED: { status: 502, message: 'The device rejected a command.' },
  DEVICE_TIMEOUT: { status: 504, message: 'The device did not answer in time.' },
  STORE_UNAVAILABLE: { status: 503, message: 'The shared store (Redis) cannot be reached; retry shortly.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  TOO_MANY_CONNECTIONS: { status: 503, message: 'Too many open connections from your address; close some and retry.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/** One detail of an error, e.g. one failing field of a VALIDATION_FAILED. */
export interface ErrorDetail {
  field?: string;
  message: string;
  [key: string]: unknown;
}

export interface AppErrorOptions {
  details?: ErrorDetail[];
  cause?: unknown;
  /** Extra HTTP headers the answer must carry (e.g. Retry-After, Allow). */
  headers?: Record<string, string>;
}

/** The only error class servers throw; its code decides the status, via ERROR_TABLE. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message?: string, options: AppErrorOptions = {}) {
    super(message ?? ERROR_TABLE[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_TABLE[code].status;
    this.details = options.details ?? [];
    this.headers = options.headers ?? {};
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
