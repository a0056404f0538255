import type { CommandDef, CommandArgs } from './command-types';
import type { CommandNode } from './command-tree';
import { matchParam } from './match-param';
import { parseFilter, type OutputFilter } from './output-filter';
import { tokenize, type Token } from './tokenize';

/** How a typed line resolved against a command tree. */
export type ParseResult =
  | { kind: 'empty' }
  /** `secretFrom`: where a `<secret:…>` parameter starts, which is never logged. */
  | { kind: 'ok'; command: CommandDef; args: CommandArgs; filter?: OutputFilter; secretFrom?: number }
  /** `offset`: the column (within the line) where the caret goes. */
  | { kind: 'invalid'; offset: number }
  | { kind: 'incomplete' }
  | { kind: 'ambiguous'; text: string };

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n]?.toLowerCase() === b[n]?.toLowerCase()) n += 1;
  return n;
}

/** The keyword children a token could abbreviate: an exact match wins over prefixes. */
function keywordMatches(node: CommandNode, word: string): CommandNode[] {
  const lower = word.toLowerCase();
  const keywords = node.children.filter((c) => c.keyword !== undefined);
  const exact = keywords.filter((c) => c.keyword === lower);
  return exact.length > 0 ? exact : keywords.filter((c) => c.keyword?.startsWith(lower));
}

/** Where the caret goes under a bad word: after the longest part any keyword could start with. */
function caretFor(node: CommandNode, token: Token): number {
  const best = node.children.reduce((n, c) => Math.max(n, c.keyword ? commonPrefix(token.text, c.keyword) : 0), 0);
  return token.start + Math.min(best, token.text.length - 1);
}

/**
 * Resolves a line the way IOS does: each word is a keyword, by unique prefix (`sh ip int br`),
 * or a parameter; the first word that fits nothing gets the caret.
 */
export function parseCommand(root: CommandNode, line: string): ParseResult {
  const tokens = tokenize(line);
  if (tokens.length === 0) return { kind: 'empty' };
  const args: CommandArgs = { values: {}, offsets: {} };
  let node = root;
  let i = 0;
  let secretFrom: number | undefined;
  while (i < tokens.length) {
    const token = tokens[i] as Token;
    if (token.text.startsWith('|') && node.command?.filterable) {
      const filter = parseFilter(line, token.start);
      if ('invalid' in filter) return { kind: 'invalid', offset: filter.invalid };
      if ('incomplete' in filter) return { kind: 'incomplete' };
      return { kind: 'ok', command: node.command, args, filter, ...(secretFrom !== undefined && { secretFrom }) };
    }
    const keywords = keywordMatches(node, token.text);
    if (keywords.length > 1) return { kind: 'ambiguous', text: line.slice(0, token.start + token.text.length).trim() };
    if (keywords.length === 1) {
      node = keywords[0] as CommandNode;
      i += 1;
      continue;
    }
    let matched = false;
    for (const child of node.children) {
      if (!child.param) continue;
      const m = matchParam(child.param, tokens, i, line);
      if (m.kind === 'incomplete') return { kind: 'incomplete' };
      if (m.kind === 'no') continue;
      args.values[child.param.name] = m.value;
      args.offsets[child.param.name] = token.start;
      if (child.param.kind === 'secret') secretFrom = token.start;
      node = child;
      i += m.consumed;
      matched = true;
      break;
    }
    if (!matched) return { kind: 'invalid', offset: caretFor(node, token) };
  }
  if (node.command) return { kind: 'ok', command: node.command, args, ...(secretFrom !== undefined && { secretFrom }) };
  return { kind: 'incomplete' };
}
