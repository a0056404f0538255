import crypto from 'node:crypto';
import { secretProblem } from './webhook-secret';

/**
 * HMAC-SHA256 webhook signatures in the two forms the lab accepts:
 * - GitHub: `X-Hub-Signature-256: sha256=<hex>` over the raw body, key = the secret's UTF-8 bytes
 *   (https://docs.github.com/webhooks/using-webhooks/validating-webhook-deliveries).
 * - Standard Webhooks: `webhook-signature: v1,<base64>` over `id.timestamp.body`, key = base64
 *   after `whsec_`, else the UTF-8 bytes (https://www.standardwebhooks.com/).
 */

/** Seconds a Standard Webhooks timestamp may differ from now, either way. */
export const TIMESTAMP_TOLERANCE_S = 300;

/** Decodes a secret the way Standard Webhooks does: base64 after `whsec_`, else UTF-8. */
export function standardWebhookKey(secret: string): Buffer {
  return secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
}

/** The value of GitHub's X-Hub-Signature-256 header for this body. */
export function githubSignature(secret: string | Buffer, body: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** The value of a Standard Webhooks `webhook-signature` header (one `v1,` signature). */
export function standardWebhookSignature(key: Buffer, id: string, timestamp: number | string, body: string | Buffer): string {
  const mac = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Constant-time equality for strings of any length: both sides are hashed first, so the
 * comparison never throws on different lengths and reveals nothing about where they differ.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  // crypto.hash (one shot) costs a third less than createHash().update().digest().
  return crypto.timingSafeEqual(crypto.hash('sha256', a, 'buffer'), crypto.hash('sha256', b, 'buffer'));
}

/** Keys derived once from WEBHOOK_SECRET (a comma-separated list allows rotation). */
export interface SigningKeys {
  /** GitHub form: the UTF-8 bytes of each secret. */
  github: Buffer[];
  /** Standard Webhooks form: each secret decoded per the spec. */
  standard: Buffer[];
}

/** The keys of WEBHOOK_SECRET's secrets; throws on an unfit one (loadConfig refuses those first). */
export function signingKeys(secrets: readonly string[]): SigningKeys {
  secrets.forEach((secret, i) => {
    const problem = secretProblem(secret);
    if (problem) throw new Error(`WEBHOOK_SECRET: secret ${i + 1} of ${secrets.length} ${problem}`);
  });
  return {
    github: secrets.map((s) => Buffer.from(s, 'utf8')),
    standard: secrets.map(standardWebhookKey),
  };
}

const GITHUB_SIGNATURE = /^sha256=([0-9a-f]{64})$/;

/** True when `header` is a valid GitHub signature of `body` under any key. */
export function verifyGithubSignature(keys: readonly Buffer[], header: string, body: Buffer): boolean {
  // Only a well-formed header (lower-case hex, as GitHub sends and githubSignature makes) can
  // match; its format says nothing about the secret. Equal lengths then allow a direct
  // constant-time compare, without hashing both sides first.
  const hex = GITHUB_SIGNATURE.exec(header.trim())?.[1];
  const presented = Buffer.from(hex ?? '', 'latin1');
  let ok = false;
  // Every key is tried (no early exit), so timing does not reveal which secret matched.
  for (const key of keys) {
    const expected = Buffer.from(crypto.createHmac('sha256', key).update(body).digest('hex'), 'latin1');
    ok = (hex !== undefined && crypto.timingSafeEqual(expected, presented)) || ok;
  }
  return ok;
}

export type StandardVerdict = { ok: true } | { ok: false; reason: 'stale_timestamp' | 'bad_timestamp' | 'bad_signature' };

/**
 * Checks Standard Webhooks headers: the timestamp first (a replayed old delivery is refused before
 * any HMAC work), then any of the space-separated `v1,` signatures against any key.
 */
export function verifyStandardWebhook(
  keys: readonly Buffer[],
  headers: { id: string; timestamp: string; signature: string },
  body: Buffer,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): StandardVerdict {
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const ts = Number(headers.timestamp);
  if (Math.abs(nowSeconds - ts) > TIMESTAMP_TOLERANCE_S) return { ok: false, reason: 'stale_timestamp' };
  const presented = headers.signature.split(' ').filter((s) => s.startsWith('v1,'));
  let ok = false;
  for (const key of keys) {
    const expected = standardWebhookSignature(key, headers.id, headers.timestamp, body);
    for (const candidate of presented) ok = safeEqual(expected, candidate) || ok;
  }
  return ok ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
