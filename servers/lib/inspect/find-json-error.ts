/** Where a text stops being JSON, for a person to look at. */
export interface JsonErrorPlace {
  /** Index in the text (the text's length: it ended too soon). */
  position: number;
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]$/;

function placeOf(text: string, position: number): JsonErrorPlace {
  const before = text.slice(0, position);
  const lastNewline = before.lastIndexOf('\n');
  return { position, line: before.split('\n').length, column: position - lastNewline };
}

/**
 * The first character at which `text` is not valid JSON (RFC 8259), or undefined when it is.
 * JSON.parse's message names a position for some mistakes only (V8 says "Unexpected token 'o'"
 * without one); this scanner finds it for all of them. Iterative, so deep nesting cannot
 * overflow the stack. Only the inspector calls it, when someone looks at a refused body.
 */
export function findJsonError(text: string): JsonErrorPlace | undefined {
  const n = text.length;
  let i = 0;
  const containers: string[] = [];
  const skipSpace = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const string = (): boolean => {
    i += 1; // the opening quote
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i += 1;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          // \uXXXX: the caret goes on the first character that is not a hex digit.
          let hex = 0;
          while (hex < 4 && HEX.test(text[i + 2 + hex] ?? '')) hex += 1;
          i += 2 + hex;
          if (hex < 4) return false;
        } else if (e !== undefined && ESCAPES.has(e)) {
          i += 2;
        } else {
          i += 1; // the caret goes on the character after the backslash
          return false;
        }
      } else {
        i += 1;
      }
    }
    return false;
  };
  const digits = (): boolean => {
    const start = i;
    while (i < n && text[i]! >= '0' && text[i]! <= '9') i += 1;
    return i > start;
  };
  // -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? — stopping on the first character that does not fit.
  const number = (): boolean => {
    if (text[i] === '-') i += 1;
    if (text[i] === '0') i += 1;
    else if (!digits()) return false;
    if (text[i] === '.') {
      i += 1;
      if (!digits()) return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += 1;
      if (text[i] === '+' || text[i] === '-') i += 1;
      if (!digits()) return false;
    }
    return true;
  };
  const scalar = (): boolean => {
    const c = text[i]!;
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const literal of ['true', 'false', 'null']) {
      if (literal[0] !== c) continue;
      let k = 0;
      while (k < literal.length && text[i + k] === literal[k]) k += 1;
      i += k;
      return k === literal.length;
    }
    return false;
  };

  // Expecting: a value ('value', or 'first value' right after '['), a key, or what follows a value.
  let expect: 'value' | 'first value' | 'key' | 'first key' | 'after value' = 'value';
  for (;;) {
    skipSpace();
    if (i >= n) return containers.length === 0 && expect === 'after value' ? undefined : placeOf(text, n);
    const c = text[i]!;
    if (expect === 'value' || expect === 'first value') {
      if (expect === 'first value' && c === ']') {
        containers.pop();
        i += 1;
        expect = 'after value';
      } else if (c === '{' || c === '[') {
        containers.push(c);
        i += 1;
        expect = c === '{' ? 'first key' : 'first value';
      } else if (scalar()) {
        expect = 'after value';
      } else {
        return placeOf(text, i);
      }
    } else if (expect === 'key' || expect === 'first key') {
      if (expect === 'first key' && c === '}') {
        containers.pop();
        i += 1;
        expect = 'after value';
        continue;
      }
      if (c !== '"' || !string()) return placeOf(text, i);
      skipSpace();
      if (text[i] !== ':') return placeOf(text, Math.min(i, n));
      i += 1;
      expect = 'value';
    } else {
      const open = containers.at(-1);
      if (open === undefined) return placeOf(text, i); // something after the complete value
      if (c === ',') {
        i += 1;
        expect = open === '{' ? 'key' : 'value';
      } else if ((open === '{' && c === '}') || (open === '[' && c === ']')) {
        containers.pop();
        i += 1;
      } else {
        return placeOf(text, i);
      }
    }
  }
}

/** The mistake in words, e.g. `line 1, column 12: unexpected "o"` (never more of the body than one character). */
export function describeJsonError(text: string, place: JsonErrorPlace): string {
  if (text.trim() === '') return 'The body is empty.';
  const where = `line ${place.line}, column ${place.column}`;
  const found = text[place.position];
  return found === undefined ? `${where}: the text ends before the JSON is complete.` : `${where}: unexpected ${JSON.stringify(found)}.`;
}
