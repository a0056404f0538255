/** One word of a typed line, and the column it starts at (where a caret points). */
export interface Token {
  text: string;
  start: number;
}

/** The words of a line, split at whitespace as IOS reads them. */
export function tokenize(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index ?? 0 }));
}
