import { nodeKey, type ConfigNode } from './config-tree';

/** One line (with its submode's lines) that one configuration has and the other lacks. */
export interface ConfigChange {
  /** The lines of the modes it sits in (`interface Gi2`), outermost first; empty at the top. */
  context: string[];
  node: ConfigNode;
}

export interface ConfigDiff {
  /** In the second configuration only, in its order. */
  added: ConfigChange[];
  /** In the first configuration only, in its order. */
  removed: ConfigChange[];
}

/** The nodes of `from` that `against` lacks, in `from`'s order, looking into the modes both have. */
function missing(from: ConfigNode[], against: ConfigNode[], context: string[], ignoreCase: boolean, out: ConfigChange[]): void {
  const key = (n: ConfigNode): string => nodeKey(n, ignoreCase);
  const others = new Map(against.map((n) => [key(n), n]));
  for (const node of from) {
    const same = others.get(key(node));
    if (same) missing(node.children, same.children, [...context, node.text], ignoreCase, out);
    else out.push({ context, node });
  }
}

/**
 * IOS's contextual diff: line by line within each mode, so a line under `interface Gi2` is
 * compared with the lines under the same interface, wherever the block sits in the file.
 */
export function diffConfigs(base: ConfigNode[], target: ConfigNode[], ignoreCase = false): ConfigDiff {
  const diff: ConfigDiff = { added: [], removed: [] };
  missing(target, base, [], ignoreCase, diff.added);
  missing(base, target, [], ignoreCase, diff.removed);
  return diff;
}

/** A node and its submode lines, each marked (`+`, `-` or nothing) after its indentation. */
function nodeLines(node: ConfigNode, depth: number, sign: string): string[] {
  const pad = ' '.repeat(depth);
  return [`${pad}${sign}${node.text}`, ...(node.more ?? []), ...node.children.flatMap((c) => nodeLines(c, depth + 1, sign))];
}

/** Changes as IOS lists them: the lines of their modes once per run of changes in the same mode. */
function changeLines(changes: ConfigChange[], sign: string): string[] {
  const lines: string[] = [];
  let shown: string[] = [];
  for (const { context, node } of changes) {
    if (context.join('\n') !== shown.join('\n')) lines.push(...context.map((c, depth) => `${' '.repeat(depth)}${c}`));
    shown = context;
    lines.push(...nodeLines(node, context.length, sign));
  }
  return lines;
}

/**
 * `show archive config differences A B`: what B adds (`+`), then what it drops (`-`), each under
 * the lines of its mode — the layout NAPALM's compare_config passes on (its test
 * `test/ios/ios/new_good.diff`), headed `!Contextual Config Diffs:` as in genieparser's capture.
 */
export function renderContextualDiff(diff: ConfigDiff): string[] {
  if (diff.added.length === 0 && diff.removed.length === 0) return ['!No changes were found'];
  return ['!Contextual Config Diffs:', ...changeLines(diff.added, '+'), ...changeLines(diff.removed, '-'), ''];
}

/**
 * `show archive config incremental-diffs FILE`: the lines of FILE the running configuration does
 * not have, under their modes, then `end` — or `!No changes were found` (NAPALM's merge compare).
 */
export function renderIncrementalDiff(diff: ConfigDiff): string[] {
  if (diff.added.length === 0) return ['!List of Commands:', 'end', '!No changes were found'];
  return ['!List of Commands:', ...changeLines(diff.added, ''), 'end', ''];
}
