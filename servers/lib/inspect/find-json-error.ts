import { visit } from 'jsonc-parser';

/** Where a text stops being JSON, for a person to look at. */
export interface JsonErrorPlace {
  /** Index in the text (the text's length: it ended too soon). */
  position: number;
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

function placeOf(text: string, position: number): JsonErrorPlace {
  const before = text.slice(0, position);
  const lastNewline = before.lastIndexOf('\n');
  return { position, line: before.split('\n').length, column: position - lastNewline };
}

/** Where the token jsonc-parser (VS Code's JSON scanner) first refuses starts; 0 if it cannot say. */
function badTokenStart(text: string): number {
  let offset = 0;
  try {
    visit(
      text,
      {
        onError: (_error, at) => {
          offset = at;
          throw new Error('found'); // the first mistake is all we need: stop there
        },
      },
      { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
    );
  } catch {
    // stopped at the first mistake (or nested deeper than its recursive parser can walk: 0)
  }
  return offset;
}

/**
 * The first character at which `text` is not valid JSON (RFC 8259), or undefined when it is.
 * Node's own JSON.parse says where for most mistakes ("… in JSON at position 26"); for an
 * unexpected character it names only the character ("Unexpected token 'o'"), which is then found
 * from the start of the token jsonc-parser refuses (in a misspelt word, `nuul`, the caret may
 * fall on an earlier letter of it). Only the inspector calls it, when someone looks at a refused body.
 */
export function findJsonError(text: string): JsonErrorPlace | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    const position = /in JSON at position (\d+)/.exec(message)?.[1];
    if (position !== undefined) return placeOf(text, Number(position));
    if (message.startsWith('Unexpected end of JSON input')) return placeOf(text, text.length);
    const start = badTokenStart(text);
    const character = /^Unexpected token '(.+?)', /su.exec(message)?.[1];
    const at = character === undefined ? -1 : text.indexOf(character, start);
    return placeOf(text, at < 0 ? start : at);
  }
}

/**
 * The mistake in words, e.g. `position 11 (line 1, column 12): unexpected "o"` — the position as
 * the answer's JSON.parse message counts it (from 0), and the line and column as an editor does
 * (from 1). Never more of the body than one character.
 */
export function describeJsonError(text: string, place: JsonErrorPlace): string {
  if (text.trim() === '') return 'The body is empty.';
  const where = `position ${place.position} (line ${place.line}, column ${place.column})`;
  const found = text[place.position];
  return found === undefined ? `${where}: the text ends before the JSON is complete.` : `${where}: unexpected ${JSON.stringify(found)}.`;
}
