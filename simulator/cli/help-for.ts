import type { CommandNode } from './command-tree';
import { tokenize, type Token } from './tokenize';
import { matchParam } from './match-param';

const PARAM_HELP: Record<string, string> = {
  interface: 'Interface name (GigabitEthernet1, Gi1, Loopback0 ...)',
  word: 'WORD',
  line: 'LINE',
  secret: 'LINE',
  ipv4: 'A.B.C.D',
  mask: 'A.B.C.D',
};

/** Follows the finished words of a line down the tree; `undefined` when they lead nowhere. */
function walk(root: CommandNode, tokens: readonly Token[], line: string): CommandNode | undefined {
  let node = root;
  let i = 0;
  while (i < tokens.length) {
    const word = (tokens[i] as Token).text.toLowerCase();
    const keywords = node.children.filter((c) => c.keyword?.startsWith(word));
    const exact = keywords.find((c) => c.keyword === word);
    if (exact || keywords.length === 1) {
      node = exact ?? (keywords[0] as CommandNode);
      i += 1;
      continue;
    }
    const param = node.children.find((c) => c.param && matchParam(c.param, tokens, i, line).kind === 'ok');
    if (!param?.param) return undefined;
    const m = matchParam(param.param, tokens, i, line);
    i += m.kind === 'ok' ? m.consumed : 1;
    node = param;
  }
  return node;
}

function label(node: CommandNode): string {
  if (node.keyword) return node.keyword;
  const p = node.param;
  return p?.kind === 'number' ? `<${p.min}-${p.max}>` : (PARAM_HELP[p?.kind ?? 'word'] ?? 'WORD');
}

/**
 * What `?` shows: after a space, the words that may come next (and `<cr>` when the line is
 * already a command); right after letters, the keywords those letters may start.
 */
export function helpFor(root: CommandNode, line: string): string[] | undefined {
  const tokens = tokenize(line);
  const partial = line.length > 0 && !/\s$/.test(line) ? tokens.pop() : undefined;
  const node = walk(root, tokens, line);
  if (!node) return undefined;
  if (partial) {
    const words = node.children
      .filter((c) => c.keyword?.startsWith(partial.text.toLowerCase()))
      .map((c) => c.keyword as string)
      .sort();
    return words.length > 0 ? [words.join('  ')] : undefined;
  }
  const rows = node.children.map((c) => `  ${label(c)}`).sort();
  if (node.command) rows.push('  <cr>');
  return rows;
}

/** Tab: the rest of the last word when exactly one keyword fits it, else nothing. */
export function completeWord(root: CommandNode, line: string): string | undefined {
  const tokens = tokenize(line);
  const partial = !/\s$/.test(line) ? tokens.pop() : undefined;
  if (!partial) return undefined;
  const node = walk(root, tokens, line);
  const words = node?.children.filter((c) => c.keyword?.startsWith(partial.text.toLowerCase())) ?? [];
  if (words.length !== 1) return undefined;
  return `${(words[0]?.keyword as string).slice(partial.text.length)} `;
}
