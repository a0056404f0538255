/** A part of a text to replace: `[start, end)` and what goes there instead. */
export interface CredentialSpan {
  start: number;
  end: number;
  /** The value itself (`[REDACTED]`), or with the space before it (` [REDACTED]` after `Bearer`). */
  spaceBefore: boolean;
}

/** The spans found, and how many characters the scan looked at to find them (see the test). */
export interface CredentialScan {
  spans: CredentialSpan[];
  steps: number;
}

// Each tests one character, so none can backtrack.
const LETTER = /[A-Za-z]/;
const NAME = /[A-Za-z0-9_.-]/;
const SPACE = /\s/;
/** Where an unquoted value ends: `token=abc&next=1`, `token=abc, …`. */
const VALUE_END = /[\s"'&;,]/;
/** Where a URL's user name or password ends. */
const USER_END = /[/\s:@]/;
const PASSWORD_END = /[/\s@]/;
/** What a bearer or basic credential is written with (RFC 6750 b64token). */
const TOKEN_CHAR = /[A-Za-z0-9._~+/=-]/;
const HTTP_SCHEMES = ['Bearer', 'Basic', 'Digest'];
// Searched for with two patterns that cannot backtrack: one character, or one of three words
// after a non-word character (each position tried against at most three short literals).
const SEPARATOR = /[=:]/g;
const HTTP_SCHEME = /(?<![A-Za-z0-9_])(?:Bearer|Basic|Digest)/g;
/** Written before a credential as a value: `Authorization: Bearer …`. */
const VALUE_SCHEMES = ['Bearer', 'Basic', 'Token', 'Digest'];

/**
 * Finds the credentials written inside a string in one pass over it, without regular expressions
 * that could backtrack: a regex over `name=value` took time quadratic in the length of a text
 * such as `aaaa…a=` (60,000 characters held a server for 12 s). Every loop below moves forward
 * over characters no other loop of the same kind looks at again, so `steps` (characters looked
 * at) stays within a small multiple of the text's length, whatever the text; the test holds it
 * to that. Three kinds, as `redactSecretText` documents:
 * - the password of a URL: `https://user:PASS@host`;
 * - the value after a secret-looking name and `=` or `:`: `token=…`, `api_key: "…"`,
 *   `Authorization: Bearer …`;
 * - an HTTP credential anywhere: `Bearer …`, `Basic …`, `Digest …` (6 characters or more).
 */
export function findCredentials(text: string, isSecretName: (name: string) => boolean): CredentialScan {
  let steps = 0;
  /** From `from`, the first index whose character matches `stop` (or the end). */
  const runUntil = (from: number, stop: RegExp): number => {
    let i = from;
    while (i < text.length && !stop.test(text[i]!)) i += 1;
    steps += i - from + 1;
    return i;
  };
  const runWhile = (from: number, keep: RegExp): number => {
    let i = from;
    while (i < text.length && keep.test(text[i]!)) i += 1;
    steps += i - from + 1;
    return i;
  };
  const spans: CredentialSpan[] = [];

  // URL passwords: each `://` looks only up to the next `/`, so never into the next URL.
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const user = runUntil(at + 3, USER_END);
    if (user === at + 3 || text[user] !== ':') continue;
    const password = runUntil(user + 1, PASSWORD_END);
    if (password > user + 1 && text[password] === '@') spans.push({ start: user + 1, end: password, spaceBefore: false });
  }

  // `name=value` / `name: value`: the name is read backwards from the separator (over spaces and
  // name characters, which no other separator's name includes), the value forwards.
  const closed = { '"': true, "'": true };
  for (let at = nextOf(SEPARATOR, 0); at !== -1; at = nextOf(SEPARATOR, at + 1)) {
    let k = at - 1;
    while (k >= 0 && SPACE.test(text[k]!)) k -= 1;
    const nameEnd = k + 1;
    while (k >= 0 && NAME.test(text[k]!)) k -= 1;
    steps += at - k;
    let nameStart = k + 1;
    while (nameStart < nameEnd && !LETTER.test(text[nameStart]!)) nameStart += 1;
    steps += nameEnd - nameStart; // isSecretName reads the name once more
    if (nameStart === nameEnd || !isSecretName(text.slice(nameStart, nameEnd))) continue;
    const start = runWhile(at + 1, SPACE);
    const end = valueEnd(start);
    if (end === undefined) continue;
    spans.push({ start, end, spaceBefore: false });
    at = end - 1; // what the value holds is redacted with it
  }

  /** The next match of a one-character (or one-word) pattern from `from`; counts the characters passed. */
  function nextOf(pattern: RegExp, from: number): number {
    pattern.lastIndex = from;
    const found = pattern.exec(text);
    const at = found ? found.index : -1;
    steps += (found ? at : text.length) - from + 1;
    return at;
  }

  /** Where the value starting at `start` ends: a scheme and its credential, a quoted string, or a word. */
  function valueEnd(start: number): number | undefined {
    const scheme = VALUE_SCHEMES.find((s) => text.startsWith(s, start));
    if (scheme) {
      // The credential is looked at only after a space: `Bearer/Bearer/…` is one word, read once below.
      const credential = runWhile(start + scheme.length, SPACE);
      const end = credential > start + scheme.length ? runUntil(credential, VALUE_END) : credential;
      if (end > credential) return end;
    }
    const quote = text[start];
    if (quote === '"' || quote === "'") {
      // A quote with no partner is looked for once: after that, none is left to find.
      if (!closed[quote]) return undefined;
      const close = text.indexOf(quote, start + 1);
      steps += (close === -1 ? text.length : close) - start;
      if (close === -1) closed[quote] = false;
      return close === -1 ? undefined : close + 1;
    }
    const end = runUntil(start, VALUE_END);
    return end > start ? end : undefined;
  }

  // HTTP credentials, where a name did not already cover them.
  for (let at = nextOf(HTTP_SCHEME, 0); at !== -1; at = nextOf(HTTP_SCHEME, at + 1)) {
    const scheme = HTTP_SCHEMES.find((s) => text.startsWith(s, at))!;
    const credential = runWhile(at + scheme.length, SPACE);
    if (credential === at + scheme.length) continue;
    // A credential shorter than 6 characters is left, and so is what these few characters held.
    const end = runWhile(credential, TOKEN_CHAR);
    if (end - credential >= 6) {
      spans.push({ start: at + scheme.length, end, spaceBefore: true });
      at = end - 1;
    }
  }

  return { spans: withoutOverlaps(spans), steps };
}

/** In text order; a span inside (or across) an earlier one is dropped: that text is gone already. */
function withoutOverlaps(spans: CredentialSpan[]): CredentialSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CredentialSpan[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last && span.start < last.end) continue;
    kept.push(span);
  }
  return kept;
}
