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
/**
 * Masks the string values of secret-looking keys (`"password": "…"`), keeping every other
 * character where it was. Read from each `:` outwards — back to the key's quotes, forward to the
 * value's — so each stretch between two quotes is read by one colon at most: linear in the text,
 * whatever it holds (a regex over `"key": "value"` was quadratic on `"\"\"\"…`). A value whose
 * quote never closes is masked to the end of its line.
 */
export function maskSecretsInText(text: string): string {
  return scanSecretsInText(text).masked;
}

/** The masked text, and how many characters were looked at to mask it (a test holds that to a few × the length). */
export function scanSecretsInText(text: string): { masked: string; steps: number } {
  let masked = '';
  let copied = 0;
  let steps = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', colon + 1)) {
    const next = text.indexOf(':', colon + 1);
    steps += (next === -1 ? text.length : next) - colon;
    let keyEnd = colon - 1;
    while (keyEnd >= 0 && /\s/.test(text[keyEnd]!)) keyEnd -= 1;
    steps += colon - keyEnd;
    if (text[keyEnd] !== '"') continue;
    const keyStart = text.lastIndexOf('"', keyEnd - 1);
    steps += keyEnd - keyStart;
    const key = keyStart === -1 ? undefined : text.slice(keyStart + 1, keyEnd);
    if (key === undefined || key.includes('\n') || !isSecretName(key)) continue;
    let open = colon + 1;
    while (open < text.length && /\s/.test(text[open]!)) open += 1;
    if (text[open] !== '"') continue;
    const close = stringEnd(text, open);
    steps += close - colon;
    masked += text.slice(copied, open + 1) + '•'.repeat(close - open - 1);
    copied = close;
    colon = close;
  }
  return { masked: masked + text.slice(copied), steps };
}

/** Where the string opened at `open` closes (its closing quote), or its line ends. */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i, text.length);
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
