import fc from 'fast-check';
import { describeJsonError, findJsonError } from './find-json-error';

/** V8's message for a text that is not JSON. */
function v8Message(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
/** The position V8 names in its message, when it names one. */
function v8Position(text: string): number | undefined {
  const match = /at position (\d+)/.exec(v8Message(text) ?? '');
  return match ? Number(match[1]) : undefined;
}
/** The character V8 names when it names no position ("Unexpected token 'o', …"). */
function v8Character(text: string): string | undefined {
  return /^Unexpected token '(.+?)', /su.exec(v8Message(text) ?? '')?.[1];
}
const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonError', () => {
  it.each([
    ['{"event": "InterfaceDown",', 26, 'the text ends before the JSON is complete.'],
    ['{"a": tru}', 9, 'unexpected "}".'],
    ['nope', 1, 'unexpected "o".'],
    ['{"a":1 "b":2}', 7, 'unexpected "\\"".'],
    ['[1,2,,3]', 5, 'unexpected ",".'],
    ["{'event': 'x'}", 1, 'unexpected "\'".'],
    ['{"a":"x"}}', 9, 'unexpected "}".'],
  ])('finds where %j goes wrong (index %i)', (text, position, what) => {
    const place = findJsonError(text);
    expect(place?.position).toBe(position);
    expect(describeJsonError(text, place!)).toBe(`position ${position} (line 1, column ${position + 1}): ${what}`);
  });

  it('counts lines and columns as an editor does', () => {
    expect(findJsonError('{\n  "a": 1,\n  }')).toEqual({ position: 14, line: 3, column: 3 });
  });

  it('says an empty body is empty', () => {
    expect(describeJsonError('  ', findJsonError('  ')!)).toBe('The body is empty.');
  });

  it('accepts exactly what JSON.parse accepts, agrees with V8 wherever V8 names a position, and else points at the character V8 names', () => {
    // Valid JSON, then the same text with one character removed or replaced: all kinds of mistakes.
    const texts = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '[', '{', '"', ':', 'x', ' ', '\n', '\\', 'u', '-', '.', 'e', '0', 't'),
      )
      .map(([json, at, ch]) => {
        const i = json.length === 0 ? 0 : at % json.length;
        return json.slice(0, i) + ch + json.slice(i + 1);
      });
    fc.assert(
      fc.property(texts, (text) => {
        const place = findJsonError(text);
        expect(place === undefined).toBe(parses(text));
        const v8 = v8Position(text);
        if (v8 !== undefined) expect(place?.position).toBe(v8);
        const character = v8Character(text);
        if (character !== undefined) expect(text.slice(place!.position, place!.position + character.length)).toBe(character);
      }),
      { numRuns: 2000 },
    );
  });

  it('places a mistake inside deep nesting without overflowing the stack', () => {
    expect(findJsonError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
    expect(findJsonError('['.repeat(100_000))?.position).toBe(100_000);
    expect(findJsonError('['.repeat(100_000) + 'x')?.position).toBe(100_000);
  });
});
