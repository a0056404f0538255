/**
 * Builds DOM nodes. Children that are strings become text nodes, so text from an event is
 * always shown as characters, never interpreted as HTML (the page's CSP also forbids innerHTML).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Appends nodes and strings (as text); skips undefined, null and false. */
export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

// As the log line escapes them (common/logging/log-line.ts): control characters and line
// separators, bidi overrides and isolates, marks, zero-width characters and the BOM.
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const NAMED = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A one-line text (an event name, a verdict) with every character that would be hidden or read
 * as something else written out, `\n` or `\u202e`: a forged `Test\nSECURITY forged=1` shows its
 * newline, the very thing the lesson is about, instead of a space.
 */
export function visible(text) {
  return String(text).replace(INVISIBLE, (ch) => NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Local time with milliseconds, e.g. 14:05:26.672: events a few ms apart stay in order. */
export function clock(iso) {
  const d = new Date(iso);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The status class of an answer: 2xx, 3xx, 4xx, 5xx, or "pending" (no answer yet). */
export function statusClass(status) {
  return status >= 100 ? `s${String(status)[0]}xx` : 'pending';
}
