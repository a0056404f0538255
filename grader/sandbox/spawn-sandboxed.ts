import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sandboxStatus, type SandboxStatus } from './sandbox-status';

/** A host folder made visible to the student's code at the same path. */
export interface SandboxMount {
  path: string;
  /** Read-only unless set (the student's own copy and its log folder are writable). */
  writable?: boolean;
  /** Bind this host path there instead (node_modules resolved to where it really is). */
  from?: string;
}

export interface SandboxSpec {
  command: string;
  args: string[];
  /** Exactly the environment the code gets (PATH and HOME are added when missing). */
  env: Record<string, string>;
  /** Working directory (one of the mounts, or under one). */
  cwd: string;
  /** The user it runs as when the grader is root (its stage's: sandboxUid()). */
  uid: number;
  mounts: SandboxMount[];
}

export interface SandboxedProcess {
  child: ChildProcess;
  /** The end of what it printed (stdout and stderr), at most 50 kB. */
  output(): string;
  /** Null while it runs; its exit code (or signal) once it stopped. */
  exited(): string | null;
  /** Resolves once the code and every process it started are gone. */
  gone: Promise<void>;
  /** Kills everything it started (its whole PID namespace) and resolves once all of it is gone. */
  kill(): Promise<void>;
}

const HOME = '/home/student';
const PATH_INSIDE = '/usr/local/bin:/usr/bin:/bin';
/** System files a server or a curl suite may need, never the grader's own. */
const SYSTEM_FILES = [
  '/etc/hosts',
  '/etc/passwd',
  '/etc/group',
  '/etc/nsswitch.conf',
  '/etc/localtime',
  '/etc/ssl/certs',
  '/etc/ssl/openssl.cnf',
  '/etc/alternatives',
];
// Each file a student writes stays small, and a fork bomb stops at a thousand tasks of its own uid (threads count).
const LIMITS = ['--fsize=67108864', '--nproc=1024', '--nofile=4096'];
const OUTPUT_LIMIT = 50_000;

/** bwrap's arguments: a root of its own with /usr, a few /etc files, the mounts, fresh /proc, /tmp and HOME. */
function bwrapArgs(spec: SandboxSpec, status: Extract<SandboxStatus, { isolated: true }>): string[] {
  const args = ['--unshare-pid', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session', '--info-fd', '3'];
  if (!status.separateUsers) args.push('--unshare-user');
  args.push('--ro-bind', '/usr', '/usr');
  for (const link of ['bin', 'lib', 'lib64', 'sbin']) if (fs.existsSync(`/usr/${link}`)) args.push('--symlink', `usr/${link}`, `/${link}`);
  args.push('--proc', '/proc', '--dev', '/dev');
  args.push('--perms', '1777', '--size', String(64 << 20), '--tmpfs', '/tmp');
  args.push('--perms', '0777', '--size', String(64 << 20), '--tmpfs', HOME);
  args.push('--perms', '0755', '--dir', '/etc', '--perms', '0755', '--dir', '/etc/ssl');
  for (const file of SYSTEM_FILES) if (fs.existsSync(file)) args.push('--ro-bind', file, file);
  // bwrap makes missing parents 0700 (root's): open each on the way to a mount for the student's user.
  const made = new Set(['/', '/tmp', '/home', HOME, '/etc', '/etc/ssl']);
  const targets = spec.mounts.map((m) => m.path);
  for (const mount of spec.mounts) {
    const parents: string[] = [];
    for (let dir = path.dirname(mount.path); !made.has(dir) && dir !== '/'; dir = path.dirname(dir)) parents.unshift(dir);
    for (const dir of parents) {
      made.add(dir);
      if (!targets.some((t) => dir === t || dir.startsWith(`${t}/`))) args.push('--perms', '0755', '--dir', dir);
    }
    args.push(mount.writable ? '--bind' : '--ro-bind', mount.from ?? mount.path, mount.path);
  }
  args.push('--chdir', spec.cwd, '--');
  if (status.separateUsers)
    args.push(
      '/usr/bin/setpriv',
      `--reuid=${spec.uid}`,
      `--regid=${spec.uid}`,
      '--clear-groups',
      '--no-new-privs',
      '--bounding-set=-all',
      '--inh-caps=-all',
      '--',
    );
  args.push('/usr/bin/prlimit', ...LIMITS, '--', spec.command, ...spec.args);
  return args;
}

/**
 * Starts untrusted code (a student's server or curl suite) in bubblewrap: its own PID namespace
 * with a fresh /proc (it cannot see or signal the grader), as `spec.uid` when the grader is root,
 * with exactly `spec.env`, a fresh /tmp and HOME, only `spec.mounts` of the host's files, the
 * network shared (loopback is how it is graded), dying with the grader. When the main process
 * exits, or on kill(), everything in its namespace is killed with it — setsid and double forks
 * included. Without a sandbox (sandboxStatus says why) it runs in a process group of its own.
 */
export function spawnSandboxed(spec: SandboxSpec, status: SandboxStatus = sandboxStatus()): SandboxedProcess {
  const env = { PATH: PATH_INSIDE, HOME, ...spec.env };
  let child: ChildProcess;
  let namespacePid: number | undefined;
  if (status.isolated) {
    child = spawn(status.bwrap, bwrapArgs(spec, status), { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    let info = '';
    child.stdio[3]?.on('data', (c: Buffer) => {
      info += c.toString('utf8');
      const pid = /"child-pid":\s*(\d+)/.exec(info)?.[1];
      if (pid) namespacePid = Number(pid);
    });
  } else {
    // No mounts without a sandbox: links in their place (over the stage's empty mount points).
    for (const m of spec.mounts) {
      if (!m.from || fs.lstatSync(m.path, { throwIfNoEntry: false })?.isSymbolicLink()) continue;
      fs.rmSync(m.path, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(m.path), { recursive: true });
      try {
        fs.symlinkSync(m.from, m.path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...env, HOME: process.env.HOME ?? '/tmp' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }
  let out = '';
  const collect = (c: Buffer): void => {
    out = (out + c.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('error', (err) => collect(Buffer.from(`could not start it: ${err.message}\n`)));
  // Sandboxed, bwrap exits only once its namespace is empty, so its pipes close at once; without
  // a sandbox a process the code left behind may hold them open: its exit is all there is to wait for.
  const gone = new Promise<void>((resolve) => child.once(status.isolated ? 'close' : 'exit', () => resolve()));
  const signal = (pid: number | undefined): void => {
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const kill = async (): Promise<void> => {
    if (child.pid === undefined) return;
    // The namespace's PID 1 first: the kernel kills all of its namespace, and bwrap, waiting
    // for it, exits only after that.
    signal(namespacePid);
    if (!status.isolated)
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    else if (namespacePid === undefined) signal(child.pid);
    await gone;
  };
  return {
    child,
    output: () => out,
    exited: () => (child.exitCode !== null ? String(child.exitCode) : child.signalCode),
    gone,
    kill,
  };
}
