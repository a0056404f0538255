/**
 * The lab's log line format: `EVENT_TYPE key=value key2="a value" ts=<ISO-8601>`.
 *
 * One event is one line, always: a value that is not a plain token is double-quoted and every
 * character that could end or forge a line is escaped, so a payload can never split a log line.
 */

export type LogValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogValue>;

const PLAIN_VALUE = /^[A-Za-z0-9._:/@+-]+$/;
const PLAIN_KEY = /^[A-Za-z0-9_]+$/;
// Control characters and line separators (they could end a line), and the invisible
// formatting characters that could make a line *read* differently than it is: bidi overrides
// and isolates (U+202A–U+202E, U+2066–U+2069: "Trojan Source"), marks (U+200E/F, U+061C),
// zero-width characters and the BOM.
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

const NAMED_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(ch: string): string {
  return NAMED_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Renders one value: plain tokens as they are, anything else quoted and escaped. */
export function formatLogValue(value: LogValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  if (PLAIN_VALUE.test(text)) return text;
  return `"${text.replace(NEEDS_ESCAPE, escapeChar)}"`;
}

/** Event types are upper-case words; anything else is coerced so it cannot forge a line. */
function formatEventType(type: string): string {
  const cleaned = type.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return cleaned.length > 0 ? cleaned : 'LOG';
}

/**
 * Formats one log line. `ts` is appended last (now, unless given in `fields`); fields whose value
 * is undefined are left out.
 */
export function formatLogLine(type: string, fields: LogFields = {}, now: Date = new Date()): string {
  let line = formatEventType(type);
  let ts: LogValue = now.toISOString();
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    if (key === 'ts') {
      ts = value;
      continue;
    }
    const safeKey = PLAIN_KEY.test(key) ? key : key.replace(/[^A-Za-z0-9_]/g, '_') || 'field';
    line += ` ${safeKey}=${formatLogValue(value)}`;
  }
  return `${line} ts=${formatLogValue(ts)}`;
}
