import { execFileSync } from 'node:child_process';

/** npm's own process: its title is `npm start` (or the command line still names npm). */
const NPM = /(^|[/\\\s])npm(-cli\.js)?(\s|$)/;

/** Parent PID and command line of a process, from `ps` (Linux, macOS); undefined if unknown. */
function processInfo(pid: number): { ppid: number; args: string } | undefined {
  try {
    const line = execFileSync('ps', ['-o', 'ppid=,args=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const match = /^(\d+)\s+(.*)$/.exec(line);
    return match ? { ppid: Number(match[1]), args: match[2]! } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `npm` process this one runs under, if any. `npm start` runs the script through
 * `sh -c` and tsx, so npm is a grandparent or further up, not the parent.
 */
export function findNpmAncestor(from = process.ppid, maxDepth = 6): number | undefined {
  if (process.platform === 'win32') return undefined;
  let pid = from;
  for (let depth = 0; depth < maxDepth && pid > 1; depth += 1) {
    const info = processInfo(pid);
    if (!info) return undefined;
    if (NPM.test(info.args)) return pid;
    pid = info.ppid;
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Calls `onGone` (once) when whatever started this process goes away without a signal reaching
 * it: an IDE's stop button or `timeout` kill npm's PID only, and the shell and tsx between npm
 * and the launcher keep running, orphaned. So two things are watched, every `everyMs`: the
 * parent (an orphan gets a new `process.ppid`) and, when started by npm, npm's own process —
 * which works when npm was SIGKILLed too. Returns a function that stops watching.
 */
export function watchParent(onGone: (what: string) => void, everyMs = 500): () => void {
  const parent = process.ppid;
  const npm = process.env.npm_lifecycle_event !== undefined ? findNpmAncestor() : undefined;
  const timer = setInterval(() => {
    let gone: string | undefined;
    if (process.ppid !== parent) gone = `its parent process (${parent})`;
    else if (npm !== undefined && !isAlive(npm)) gone = `npm (${npm})`;
    if (gone === undefined) return;
    clearInterval(timer);
    onGone(gone);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
