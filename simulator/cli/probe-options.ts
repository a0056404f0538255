import { InvalidInput } from './command-types';
import { tokenize, type Token } from './tokenize';

/** What follows an option word: a number in a range, or a source (an interface or an address). */
export type OptionValue = { min: number; max: number } | 'source';

/** Option words of `ping` / `traceroute` and the values each takes (none for a flag like `df-bit`). */
export type OptionTable = Readonly<Record<string, readonly OptionValue[]>>;

/** The options given, by their full word: the values typed (with their columns); a flag has none. */
export type ParsedOptions = Record<string, Token[]>;

const INCOMPLETE = ['% Incomplete command.', ''];

function fits(value: OptionValue, text: string): boolean {
  if (value === 'source') return true;
  if (!/^\d{1,10}$/.test(text)) return false;
  const n = Number(text);
  return n >= value.min && n <= value.max;
}

/**
 * Parses IOS's trailing options (`timeout 2 size 100 repeat 5 source Loopback0`) in any order,
 * each word by unique prefix as IOS reads it. `text` starts at column `offset` of the line, so a
 * bad word gets its caret; a missing value answers `% Incomplete command.`.
 */
export function parseProbeOptions(text: string, offset: number, table: OptionTable): ParsedOptions | InvalidInput | string[] {
  const tokens = tokenize(text);
  const words = Object.keys(table);
  const options: ParsedOptions = {};
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    const lower = token.text.toLowerCase();
    const matches = words.includes(lower) ? [lower] : words.filter((w) => w.startsWith(lower));
    if (matches.length > 1) return [`% Ambiguous command:  "${token.text}"`];
    const word = matches[0];
    if (!word) return new InvalidInput(offset + token.start);
    const values: Token[] = [];
    for (const expected of table[word] ?? []) {
      const next = tokens[i + 1 + values.length];
      if (!next) return INCOMPLETE;
      if (!fits(expected, next.text)) return new InvalidInput(offset + next.start);
      values.push({ text: next.text, start: offset + next.start });
    }
    options[word] = values;
    i += 1 + values.length;
  }
  return options;
}
