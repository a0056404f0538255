import type { Request, Response } from 'express';
import { AppError } from '../errors';
import type { RefusalLog } from './refusal-log';
import { bearerToken } from './bearer-token';
import {
  safeEqual,
  signingKeys,
  verifyGithubSignature,
  verifyStandardWebhook,
  type SigningKeys,
} from '../../../common/signatures/webhook-signatures';

export interface AuthSettings {
  webhookToken?: string;
  webhookSecrets: readonly string[];
  /** REQUIRE_TIMESTAMPED_SIGNATURES: POST /events needs a Standard Webhooks signature. */
  requireTimestamped?: boolean;
}

export type AuthVerdict = { ok: true; method: string } | { ok: false; reason: string };

/** True when the server demands a token or a signature. */
export function authConfigured(settings: AuthSettings): boolean {
  return Boolean(settings.webhookToken) || settings.webhookSecrets.length > 0;
}

/**
 * Checks one request against the configured proofs; any one valid proof is enough. A Standard
 * Webhooks timestamp outside the tolerance is refused first, whatever else the request carries,
 * so a captured delivery cannot be replayed later. With `requireTimestamped`, only that proof
 * counts: a GitHub signature or a bearer token says nothing about *when* it was made, so a
 * captured delivery would replay forever under a new delivery id.
 */
export function checkWebhookAuth(
  req: Request,
  body: Buffer,
  token: string | undefined,
  keys: SigningKeys | undefined,
  requireTimestamped = false,
): AuthVerdict {
  const swId = req.get('webhook-id');
  const swTimestamp = req.get('webhook-timestamp');
  const swSignature = req.get('webhook-signature');
  const hubSignature = req.get('x-hub-signature-256');
  const presented = bearerToken(req.get('authorization'));
  let failure = 'missing_credentials';

  if (keys && swId !== undefined && swTimestamp !== undefined && swSignature !== undefined) {
    const verdict = verifyStandardWebhook(keys.standard, { id: swId, timestamp: swTimestamp, signature: swSignature }, body);
    if (verdict.ok) return { ok: true, method: 'standard-webhooks' };
    if (verdict.reason !== 'bad_signature') return { ok: false, reason: verdict.reason };
    failure = verdict.reason;
  }
  if (requireTimestamped) return { ok: false, reason: failure === 'bad_signature' ? failure : 'timestamp_required' };
  if (keys && hubSignature !== undefined) {
    if (verifyGithubSignature(keys.github, hubSignature, body)) return { ok: true, method: 'hub-signature-256' };
    failure = 'bad_signature';
  }
  if (token && presented !== undefined) {
    if (safeEqual(presented, token)) return { ok: true, method: 'bearer' };
    failure = 'bad_token';
  }
  return { ok: false, reason: failure };
}

const REASON_MESSAGES: Record<string, string> = {
  missing_credentials: 'Send a bearer token or a signature.',
  bad_token: 'The bearer token is not valid.',
  bad_signature: 'The signature does not match the body.',
  stale_timestamp: 'The webhook-timestamp is outside the 5 minute tolerance.',
  bad_timestamp: 'The webhook-timestamp is not a Unix time in seconds.',
  timestamp_required:
    'This server accepts only Standard Webhooks signatures (webhook-id, webhook-timestamp, webhook-signature): a proof without a timestamp could be replayed forever.',
};

/**
 * The credential check of POST /events (keys derived once). It runs after the raw body is read
 * (signatures cover those exact bytes) and before it is parsed, so an unauthenticated sender
 * never gets the server to parse anything. It only records the verdict (`authMethod`, or
 * `authFailure`): the rate limit counts the request by its verdict first (limit-rate.ts), then
 * `requireAuthentication` refuses a failed one.
 */
export function checkCredentials(settings: AuthSettings): (req: Request, res: Response, body: Buffer) => void {
  const keys = settings.webhookSecrets.length > 0 ? signingKeys(settings.webhookSecrets) : undefined;
  const enabled = authConfigured(settings);
  return (req, res, body) => {
    if (!enabled) {
      res.locals.authMethod = 'none';
      return;
    }
    const verdict = checkWebhookAuth(req, body, settings.webhookToken, keys, settings.requireTimestamped);
    if (verdict.ok) res.locals.authMethod = verdict.method;
    else res.locals.authFailure = verdict.reason;
  };
}

/** 401 UNAUTHORIZED, with the reason, for a request whose credential failed (logged once as SECURITY). */
export function requireAuthentication(req: Request, res: Response, refusals: RefusalLog): void {
  const reason = res.locals.authFailure;
  if (reason === undefined) return;
  refusals.refuse(req, res, reason);
  throw new AppError('UNAUTHORIZED', REASON_MESSAGES[reason], {
    headers: { 'WWW-Authenticate': 'Bearer realm="hooklab"' },
  });
}
