import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** How student code is run: inside bubblewrap (and as which user), or, saying why, not. */
export type SandboxStatus =
  | { isolated: true; tool: 'bubblewrap'; bwrap: string; separateUsers: boolean; summary: string; warning?: string }
  | { isolated: false; summary: string; warning: string };

/**
 * The unprivileged users student code runs as when the grader is root: one uid of this range
 * per student's sandbox folder (a stage), no account behind it. Each student's processes are
 * then counted apart (a fork bomb hits only its own limit), and no student can signal another's.
 */
export const SANDBOX_UIDS = { first: 61_000, last: 61_999 } as const;
let nextUid = SANDBOX_UIDS.first + Math.floor(Math.random() * (SANDBOX_UIDS.last - SANDBOX_UIDS.first));

/** The next sandbox uid (round the range; a uid comes back only after a thousand stages). */
export function sandboxUid(): number {
  const uid = nextUid;
  nextUid = nextUid >= SANDBOX_UIDS.last ? SANDBOX_UIDS.first : nextUid + 1;
  return uid;
}

let cached: SandboxStatus | undefined;

/** Asks bwrap to run `true` in the namespaces the grader uses: proves they can be had here. */
function probe(bwrap: string, userns: boolean): string | undefined {
  const args = [
    ...(userns ? ['--unshare-user'] : []),
    '--unshare-pid',
    '--die-with-parent',
    '--ro-bind',
    '/usr',
    '/usr',
    '--symlink',
    'usr/bin',
    '/bin',
    '--symlink',
    'usr/lib',
    '/lib',
    '--symlink',
    'usr/lib64',
    '/lib64',
    '--proc',
    '/proc',
    '--',
    '/usr/bin/true',
  ];
  const result = spawnSync(bwrap, args, { encoding: 'utf8', timeout: 10_000, env: {} });
  if (result.error) return result.error.message;
  if (result.status !== 0) return (result.stderr || `exit ${result.status}`).trim();
  return undefined;
}

/**
 * Works out once whether student code can be sandboxed here. As root: bubblewrap's PID, mount,
 * IPC and UTS namespaces, and the code itself runs as uid 65534. Not root: bubblewrap with a user
 * namespace (still hidden and killed with its namespace, but as the grader's own user — said in
 * `warning`). No bwrap, namespaces refused, or GRADE_SANDBOX=off: not isolated, saying why.
 * GRADE_BWRAP names another bwrap binary (the tests use a missing one).
 */
export function sandboxStatus(env: NodeJS.ProcessEnv = process.env): SandboxStatus {
  if (cached) return cached;
  const off = (why: string): SandboxStatus => ({
    isolated: false,
    summary: `no sandbox (${why})`,
    warning: `WARNING: student code runs WITHOUT a sandbox: ${why}. It can read the grader's files and environment and outlive its grading; do not trust this grade.`,
  });
  const bwrap = env.GRADE_BWRAP || '/usr/bin/bwrap';
  if (env.GRADE_SANDBOX === 'off') return (cached = off('GRADE_SANDBOX=off'));
  if (!fs.existsSync(bwrap)) return (cached = off(`${bwrap} is not installed (Debian package bubblewrap)`));
  const root = process.getuid?.() === 0;
  const refused = probe(bwrap, !root);
  if (refused) return (cached = off(`bubblewrap cannot create namespaces here: ${refused.split('\n')[0]}`));
  if (root)
    return (cached = {
      isolated: true,
      tool: 'bubblewrap',
      bwrap,
      separateUsers: true,
      summary: `sandboxed: bubblewrap, own PID namespace, a uid of ${SANDBOX_UIDS.first}–${SANDBOX_UIDS.last} per student`,
    });
  const uid = process.getuid?.() ?? -1;
  return (cached = {
    isolated: true,
    tool: 'bubblewrap',
    bwrap,
    separateUsers: false,
    summary: `sandboxed: bubblewrap, own PID namespace, as the grader's own uid ${uid}`,
    warning: `WARNING: the grader is not root, so student code runs as its own user (uid ${uid}) inside bubblewrap: hidden from the grader's files and killed with its namespace, but not a separate user.`,
  });
}

/** Forgets the cached status (tests that change GRADE_SANDBOX / GRADE_BWRAP). */
export function resetSandboxStatus(): void {
  cached = undefined;
}
