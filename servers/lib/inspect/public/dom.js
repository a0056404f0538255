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
