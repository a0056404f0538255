import { isSecretName, redactSecrets } from '../../../common/logging/redact-secrets';
import { describeJsonError, findJsonError, type JsonErrorPlace } from './find-json-error';

/** A request body as the inspector shows it. */
export interface BodyView {
  bytes: number;
  /** Valid JSON: pretty-printed, secret-looking fields redacted. */
  pretty?: string;
  /** Not JSON: the text as sent, secret-looking string values masked (same length, so `error` still points right). */
  text?: string;
  /** Where the JSON goes wrong, and what JSON.parse said. */
  error?: JsonErrorPlace & { message: string };
  /** Cut to MAX_SHOWN characters. */
  truncated?: boolean;
  note?: string;
}

const MAX_SHOWN = 64 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// "key": "value" pairs in text that is not JSON (so cannot be parsed and redacted).
const STRING_PAIR = /"((?:[^"\\\n]|\\.)*)"(\s*:\s*)"((?:[^"\\\n]|\\.)*)"/g;

/** Masks the string values of secret-looking keys, keeping every other character where it was. */
export function maskSecretsInText(text: string): string {
  return text.replace(STRING_PAIR, (pair, key: string, colon: string, value: string) =>
    isSecretName(key) ? `"${key}"${colon}"${'•'.repeat(value.length)}"` : pair,
  );
}

/** The body of a request for the inspector: pretty JSON, or the text with where it goes wrong. */
export function describeBody(raw: Buffer | undefined): BodyView | undefined {
  if (raw === undefined) return undefined;
  const bytes = raw.length;
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return { bytes, note: 'The body is not valid UTF-8, so it is not shown.' };
  }
  try {
    const pretty = JSON.stringify(redactSecrets(JSON.parse(text)), null, 2);
    return pretty.length > MAX_SHOWN ? { bytes, pretty: pretty.slice(0, MAX_SHOWN), truncated: true } : { bytes, pretty };
  } catch {
    // JSON.parse's own message may quote part of the body (a secret, too): described from the position instead.
    const place = findJsonError(text);
    const shown = maskSecretsInText(text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text);
    return {
      bytes,
      text: shown,
      truncated: text.length > MAX_SHOWN || undefined,
      error: place && { ...place, message: describeJsonError(text, place) },
    };
  }
}
