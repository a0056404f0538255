import { formatPatch, structuredPatch } from 'diff';
import { maskConfigSecrets } from '../../../common/ios/mask-config-secrets';

/** Two configurations to compare, with the file names the diff's header shows. */
export interface DiffInput {
  previousName: string;
  name: string;
  before: string;
  after: string;
}

/** What changed, or — for a change too large to show — only that it is too large. */
export interface ConfigDiff {
  changed: boolean;
  /** Unified diff, secrets masked; `null` when too large. */
  diff: string | null;
  lines_added: number | null;
  lines_removed: number | null;
  too_large: boolean;
  /** Why there is no diff, when too large. */
  note?: string;
}

/** A diff is computed up to these bounds; past them the change is reported as too large. */
export const DIFF_LIMITS = {
  /** Lines added plus lines removed. */
  maxChangedLines: 4000,
  /** Time the diff algorithm may take (it runs in a worker thread: see diff-in-worker.ts). */
  timeoutMs: 2000,
  /** Size of the diff text in the answer. */
  maxDiffChars: 1_000_000,
};

/**
 * The unified diff of two configurations (jsdiff), bounded: jsdiff gives up past
 * `maxChangedLines` edits or `timeoutMs` (Myers' algorithm costs O(N·D): 20,000 changed
 * lines in a 80,000-line configuration would take minutes), and a diff text too big for an
 * answer is dropped as well. Synchronous and CPU-bound: the server runs it off its event loop.
 */
export function configDiff({ previousName, name, before, after }: DiffInput, limits = DIFF_LIMITS): ConfigDiff {
  if (before === after) return { changed: false, diff: '', lines_added: 0, lines_removed: 0, too_large: false };
  const tooLarge = (why: string): ConfigDiff => ({
    changed: true,
    diff: null,
    lines_added: null,
    lines_removed: null,
    too_large: true,
    note: `The change is too large to show (${why}); compare the two backup files.`,
  });
  const patch = structuredPatch(previousName, name, before, after, undefined, undefined, {
    maxEditLength: limits.maxChangedLines,
    timeout: limits.timeoutMs,
  });
  if (!patch) return tooLarge(`more than ${limits.maxChangedLines} lines changed, or more than ${limits.timeoutMs} ms to compute`);
  const lines = patch.hunks.flatMap((h) => h.lines);
  const diff = maskConfigSecrets(formatPatch(patch));
  if (diff.length > limits.maxDiffChars) return tooLarge(`a diff of ${diff.length} characters`);
  return {
    changed: patch.hunks.length > 0,
    diff: patch.hunks.length > 0 ? diff : '',
    lines_added: lines.filter((l) => l.startsWith('+')).length,
    lines_removed: lines.filter((l) => l.startsWith('-')).length,
    too_large: false,
  };
}
