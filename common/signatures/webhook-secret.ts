/** The shortest secret accepted, in characters; a `whsec_` secret's key, decoded, in bytes. */
export const MIN_SECRET_LENGTH = 8;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * What makes one secret unfit to sign with, or `undefined` when it is fine: the same rule for
 * the servers that check signatures and the simulator that makes them. Base64 decoding skips
 * characters it does not know, so `whsec_!!!!!!!!!!` would be an *empty* HMAC key that anyone
 * can sign with: the decoded key is checked, not only the text. The answer never contains the
 * secret.
 */
export function secretProblem(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH) return `is shorter than ${MIN_SECRET_LENGTH} characters`;
  if (!secret.startsWith('whsec_')) return undefined;
  const encoded = secret.slice(6);
  if (!BASE64.test(encoded)) return 'is not base64 after "whsec_"';
  if (Buffer.from(encoded, 'base64').length < MIN_SECRET_LENGTH) return `decodes to a key shorter than ${MIN_SECRET_LENGTH} bytes`;
  return undefined;
}
