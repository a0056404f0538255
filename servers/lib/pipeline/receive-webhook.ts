import type { RequestHandler } from 'express';
import { readRawJsonBody } from './read-raw-json-body';
import { dispatchEvent, type DispatchOptions } from './dispatch-event';
import { checkCredentials, requireAuthentication, type AuthSettings } from '../security/authenticate-webhook';
import type { RateLimits } from '../security/limit-rate';
import type { RefusalLog } from '../security/refusal-log';

export interface ReceiveOptions extends DispatchOptions {
  /** BODY_LIMIT, in bytes. */
  bodyLimitBytes: number;
  auth: AuthSettings;
  /** The rate limit, when RATE_LIMIT_PER_MIN is on. */
  limits?: RateLimits;
  refusals: RefusalLog;
}

/**
 * POST /events, as one middleware that reads top to bottom: read the body → check the sender's
 * credential over those exact bytes → count the request in its rate-limit budget (a sender that
 * proved who it is never shares one with those who did not) → refuse a failed credential (401)
 * → handle the event (dispatch-event.ts). Each step throws an AppError to refuse the request.
 */
export function receiveWebhook(options: ReceiveOptions): RequestHandler {
  const { bodyLimitBytes, limits, refusals } = options;
  const checkCredential = checkCredentials(options.auth);
  return async (req, res) => {
    const body = await readRawJsonBody(req, res, bodyLimitBytes);
    checkCredential(req, res, body);
    if (limits) await limits.afterAuthentication(req, res);
    requireAuthentication(req, res, refusals);
    await dispatchEvent(req, res, body, options);
  };
}
