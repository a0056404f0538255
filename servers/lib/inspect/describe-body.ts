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

/** A body as shown, and the event it names (read from the parsed body, never from the cut text). */
export interface DescribedBody {
  view: BodyView;
  event?: string;
}

/** The `event` of a parsed body, for display only (a refused request can still be found by its event). */
function eventOf(value: unknown): string | undefined {
  const event = value !== null && typeof value === 'object' ? (value as { event?: unknown }).event : undefined;
  return typeof event === 'string' ? event.slice(0, 64) : undefined;
}

/** The body of a request for the inspector: pretty JSON, or the text with where it goes wrong. */
export function describeBody(raw: Buffer | undefined): DescribedBody | undefined {
  if (raw === undefined) return undefined;
  const bytes = raw.length;
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    return { view: { bytes, note: 'The body is not valid UTF-8, so it is not shown.' } };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // JSON.parse's own message may quote part of the body (a secret, too): described from the position instead.
    const place = findJsonError(text);
    const shown = maskSecretsInText(text.length > MAX_SHOWN ? text.slice(0, MAX_SHOWN) : text);
    return {
      view: {
        bytes,
        text: shown,
        truncated: text.length > MAX_SHOWN || undefined,
        error: place && { ...place, message: describeJsonError(text, place) },
      },
    };
  }
  // Shown cut to MAX_SHOWN characters: the cut text is for reading only, never parsed again.
  const pretty = JSON.stringify(redactSecrets(value), null, 2);
  const view: BodyView = pretty.length > MAX_SHOWN ? { bytes, pretty: pretty.slice(0, MAX_SHOWN), truncated: true } : { bytes, pretty };
  return { view, event: eventOf(value) };
}
