import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface ChildServer {
  kind: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Sends SIGTERM and waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

const SERVE = path.join(__dirname, 'serve.ts');
const URL_IN_LINE = /^SERVER_START .*url=(\S+)/m;

/**
 * Starts bench/serve.ts <kind> in its own node process (tsx as a loader) and resolves with the
 * URL it printed. The server's stdout is a pipe to a separate `cat > /dev/null`: the server
 * pays for every console line as under `npm start` (a write to a pipe), but the bench process,
 * which also runs the load generator, does not spend its CPU reading them. The URL is read from
 * the first line the server logs; stdout lines are seen through `tee`-like forwarding only
 * until then.
 */
export function spawnServer(kind: string, { env, nodeArgs = [] }: SpawnOptions): Promise<ChildServer> {
  // A tiny shell pipeline: the first lines go to the bench through stderr of `sed` (until the
  // URL is seen), everything goes to /dev/null. `exec` keeps the node process's pid findable.
  const sink = spawn('sh', ['-c', 'sed -u -n "/url=/{p;q}" >&2; exec cat >/dev/null'], { stdio: ['pipe', 'ignore', 'pipe'] });
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', SERVE, kind], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', sink.stdin!, 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  return new Promise((resolve, reject) => {
    let seen = '';
    sink.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      const match = URL_IN_LINE.exec(seen);
      if (!match) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      resolve({
        kind,
        url: match[1]!,
        pid: child.pid!,
        child,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGTERM');
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            await exited;
            clearTimeout(timer);
          }
          sink.stdin!.destroy();
          if (sink.exitCode === null) sink.kill();
        },
      });
    });
    child.once('exit', (code) => {
      sink.kill();
      reject(new Error(`${kind} server exited (${code}) before printing its URL: ${stderr}`));
    });
  });
}

/** Resident and peak resident memory of a process, in MB, from /proc (Linux). */
export function memoryOf(pid: number): { rss_mb: number; peak_rss_mb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rss_mb: round(kb('VmRSS') / 1024, 1), peak_rss_mb: round(kb('VmHWM') / 1024, 1) };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux; 100 Hz ticks). */
export function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
