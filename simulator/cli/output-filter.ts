/** `| include`, `| exclude`, `| begin`, `| section`, `| count` on show output. */
import { compileIosRegex, type LineMatcher } from './ios-regex';

export type FilterKind = 'begin' | 'count' | 'exclude' | 'include' | 'section';

export interface OutputFilter {
  kind: FilterKind;
  pattern: LineMatcher;
}

const KINDS: readonly FilterKind[] = ['begin', 'count', 'exclude', 'include', 'section'];

/**
 * Parses what follows `|` at `pipeAt`. The pattern is matched in linear time (see ios-regex.ts).
 * A pattern that does not compile gets IOS's parser answer, the caret under it and
 * "% Invalid input detected at '^' marker."; no IOS-XE transcript of a more specific message
 * for a bad `| include` pattern could be found, so the simulator keeps that one.
 * Invalid results carry the caret column.
 */
export function parseFilter(line: string, pipeAt: number): OutputFilter | { invalid: number } | { incomplete: true } {
  const rest = line.slice(pipeAt + 1);
  const word = /^\s*(\S+)/.exec(rest);
  if (!word || !word[1]) return { incomplete: true };
  const wordAt = pipeAt + 1 + rest.indexOf(word[1]);
  const matches = KINDS.filter((k) => k.startsWith(word[1]!.toLowerCase()));
  if (matches.length !== 1) return { invalid: wordAt };
  const kind = matches[0] as FilterKind;
  const patternText = rest.slice(rest.indexOf(word[1]) + word[1].length).trim();
  if (patternText === '' && kind !== 'count') return { incomplete: true };
  const pattern = compileIosRegex(patternText);
  return pattern ? { kind, pattern } : { invalid: line.lastIndexOf(patternText) };
}

/** A line and the indented lines under it (an interface and its settings). */
function sections(lines: readonly string[], pattern: LineMatcher): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    const child = /^\s/.test(line);
    if (!child) inside = pattern.test(line);
    else if (!inside && pattern.test(line)) {
      out.push(line);
      continue;
    }
    if (inside) out.push(line);
  }
  return out;
}

export function applyFilter(lines: readonly string[], filter: OutputFilter): string[] {
  switch (filter.kind) {
    case 'include':
      return lines.filter((l) => filter.pattern.test(l));
    case 'exclude':
      return lines.filter((l) => !filter.pattern.test(l));
    case 'begin': {
      const start = lines.findIndex((l) => filter.pattern.test(l));
      return start < 0 ? [] : lines.slice(start);
    }
    case 'section':
      return sections(lines, filter.pattern);
    case 'count':
      return [`Number of lines which match regexp = ${lines.filter((l) => filter.pattern.test(l)).length}`];
  }
}
