import { findCredentials } from './find-credentials';

/** Names that hold a credential wherever they appear in a field name: `api_token`, `snmpCommunity`. */
const SECRET_IN_NAME =
  /secret|token|passw(or)?d|passphrase|authori[sz]ation|api[-_]?key|access[-_]?key|signature|credential|private[-_]?key|cookie|community|psk|session[-_]?id/i;
/** Short names that are a credential only as a whole word: `pass`, `wifiPass`, `basic_auth` — not `passenger`, `author`. */
const SECRET_WORDS = new Set(['pass', 'pwd', 'passwd', 'pw', 'auth', 'authn', 'pin', 'otp']);
/** In `{"name": "password", "value": "…"}`, the field that names the pair… */
const PAIR_NAME = /^(name|key|field|param|parameter|header|attribute|variable)$/i;
/** …and the field that holds its value. */
const PAIR_VALUE = /^(value|val|data|content|text|secret)$/i;
const MAX_DEPTH = 64;
const REDACTED = '[REDACTED]';

/** True when a field (or header, or parameter) of this name would hold a credential. */
export function isSecretName(name: string): boolean {
  if (SECRET_IN_NAME.test(name)) return true;
  // Words of snake_case, kebab-case and camelCase names: `userPWD` → user, pwd.
  return name.split(/[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])/).some((word) => SECRET_WORDS.has(word.toLowerCase()));
}

// A cheap first look: most strings (an event name, an interface) have none of these.
const MAYBE = /[=:]|Bearer|Basic|Digest/;

/**
 * A string with the credentials written inside it (`token=abc`, `Authorization: Bearer abc`,
 * `https://u:p@h`) replaced by [REDACTED]. Linear in the string's length (find-credentials.ts).
 */
export function redactSecretText(text: string): string {
  if (!MAYBE.test(text)) return text;
  const { spans } = findCredentials(text, isSecretName);
  if (spans.length === 0) return text;
  let redacted = '';
  let copied = 0;
  for (const { start, end, spaceBefore } of spans) {
    redacted += `${text.slice(copied, start)}${spaceBefore ? ' ' : ''}${REDACTED}`;
    copied = end;
  }
  return redacted + text.slice(copied);
}

/** True when the object is a name/value pair naming a credential: `{"name": "password", "value": …}`. */
function namesASecret(entries: Array<[string, unknown]>): boolean {
  return entries.some(([key, item]) => PAIR_NAME.test(key) && typeof item === 'string' && isSecretName(item));
}

/**
 * A copy of a JSON value with every credential replaced by "[REDACTED]", at any depth, so the
 * event journal never keeps one a sender put in its payload: fields with a secret-looking name,
 * the value of a name/value pair that names one, and credentials written inside strings.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecretText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[TOO DEEP]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  const entries = Object.entries(value);
  const pair = namesASecret(entries);
  // fromEntries defines own properties, so even a "__proto__" key stays a plain field.
  return Object.fromEntries(
    entries.map(([key, item]) => [key, isSecretName(key) || (pair && PAIR_VALUE.test(key)) ? REDACTED : redactSecrets(item, depth + 1)]),
  );
}
