import type { CommandDef } from './command-types';

/** `secret` is the rest of the line, like `line`, and is never logged (redact-command.ts). */
export type ParamKind = 'interface' | 'word' | 'line' | 'secret' | 'ipv4' | 'mask' | 'number';

/** A node of the command tree: a keyword or a parameter, and what may follow it. */
export interface CommandNode {
  keyword?: string;
  param?: { kind: ParamKind; name: string; min: number; max: number };
  children: CommandNode[];
  command?: CommandDef;
}

const PARAM = /^<([a-z0-9-]+):([a-z]+)>$/;

function paramOf(word: string): CommandNode['param'] {
  const m = PARAM.exec(word);
  if (!m || !m[1] || !m[2]) return undefined;
  const range = /^(\d+)-(\d+)$/.exec(m[1]);
  if (range) return { kind: 'number', name: m[2], min: Number(range[1]), max: Number(range[2]) };
  return { kind: m[1] as ParamKind, name: m[2], min: 0, max: 0 };
}

function sameNode(node: CommandNode, word: string, param: CommandNode['param']): boolean {
  if (param) return node.param?.name === param.name && node.param.kind === param.kind;
  return node.keyword === word;
}

/** Builds one tree from command patterns; commands sharing a prefix share nodes. */
export function buildCommandTree(defs: readonly CommandDef[]): CommandNode {
  const root: CommandNode = { children: [] };
  for (const def of defs) {
    let node = root;
    for (const word of def.pattern.split(' ')) {
      const param = paramOf(word);
      let next = node.children.find((c) => sameNode(c, word, param));
      if (!next) {
        next = param ? { param, children: [] } : { keyword: word, children: [] };
        node.children.push(next);
      }
      node = next;
    }
    node.command = def;
  }
  return root;
}
