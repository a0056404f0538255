import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForListener } from '../lab/free-port';

export interface ChildServer {
  kind: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** Sends SIGTERM and waits for the process to exit (SIGKILL after 10 s). */
  stop(): Promise<void>;
  /** Waits for work the server still does after answering (adnanh/webhook's commands), if any. */
  settle?(): Promise<void>;
}

export interface SpawnOptions {
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** Any server program: started as given, with only `env` in its environment. */
export interface CommandSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

/**
 * How the bench learns that the server is up and where: from the first stdout line with `url=`
 * (bench/serve.ts prints one), or by polling a loopback port chosen beforehand until it accepts a
 * connection (a program that prints only the port it was given, like uvicorn).
 */
export type Readiness = { printsUrl: true; deadlineMs?: number } | { port: number; deadlineMs?: number };

const SERVE = path.join(__dirname, 'serve.ts');
const URL_IN_LINE = /^SERVER_START .*url=(\S+)/m;
/** How long a server may take to start (either way of learning it is up). */
const START_DEADLINE_MS = 30_000;

/**
 * Starts bench/serve.ts <kind> in its own node process (tsx as a loader) and resolves with the
 * URL it printed. See spawnCommand for where its output goes.
 */
export function spawnServer(kind: string, { env, nodeArgs = [] }: SpawnOptions): Promise<ChildServer> {
  return spawnCommand(
    kind,
    { command: process.execPath, args: [...nodeArgs, '--import', 'tsx', SERVE, kind], env: { PATH: process.env.PATH ?? '', ...env } },
    { printsUrl: true },
  );
}

/**
 * Starts a server program in its own process. Its stdout is a pipe to a separate
 * `cat > /dev/null`: the server pays for every console line as under `npm start` (a write to a
 * pipe), but the bench process, which also runs the load generator, does not spend its CPU
 * reading them. With `printsUrl`, the URL is read from the first line the server logs (stdout
 * lines are seen through `sed` only until then); with `port`, the port is polled. The pid is the
 * server's own (no shell in between), so /proc/PID figures are the server's. If it exits, or is
 * not up by the deadline (30 s unless `deadlineMs` says otherwise), the promise rejects with the
 * end of its stderr, and nothing it started is left running.
 */
export function spawnCommand(kind: string, spec: CommandSpec, ready: Readiness): Promise<ChildServer> {
  const printsUrl = 'printsUrl' in ready;
  // A tiny shell pipeline: with printsUrl, the first lines go to the bench through stderr of
  // `sed` (until the URL is seen); everything goes to /dev/null.
  const sink = printsUrl
    ? spawn('sh', ['-c', 'sed -u -n "/url=/{p;q}" >&2; exec cat >/dev/null'], { stdio: ['pipe', 'ignore', 'pipe'] })
    : spawn('sh', ['-c', 'exec cat >/dev/null'], { stdio: ['pipe', 'ignore', 'ignore'] });
  const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ['ignore', sink.stdin!, 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const closeSink = (): void => {
    sink.stdin!.destroy();
    if (sink.exitCode === null && sink.signalCode === null) sink.kill();
  };
  const stop = async (): Promise<void> => {
    // No pid: it never started (e.g. no such command), so there is nothing to wait for.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    closeSink();
  };
  const server = (url: string): ChildServer => ({ kind, url, pid: child.pid!, child, stop });
  return new Promise<ChildServer>((resolve, reject) => {
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      // The end of its stderr may arrive after 'exit': wait for the pipe to close (briefly).
      const drained = new Promise<void>((r) => {
        if (child.stderr!.destroyed) return r();
        child.stderr!.once('close', () => r());
        setTimeout(r, 1000);
      });
      void Promise.all([stop(), drained]).then(() => reject(new Error(`${kind} server ${why}${stderr ? `; its stderr:\n${stderr}` : ''}`)));
    };
    child.once('error', (err) => fail(`could not be started (${err.message})`));
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal}) before ${printsUrl ? 'printing its URL' : 'listening'}`));
    if (printsUrl) {
      const deadlineMs = ready.deadlineMs ?? START_DEADLINE_MS;
      const timer = setTimeout(() => fail(`did not print its URL within ${deadlineMs / 1000} s`), deadlineMs);
      timer.unref();
      let seen = '';
      sink.stderr!.on('data', (d: Buffer) => {
        seen += d.toString();
        const match = URL_IN_LINE.exec(seen);
        if (!match || settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(server(match[1]!));
      });
      return;
    }
    const { port, deadlineMs = START_DEADLINE_MS } = ready;
    void waitForListener(port, Date.now() + deadlineMs, () => settled).then((open) => {
      if (settled) return;
      if (!open) return fail(`did not listen on 127.0.0.1:${port} within ${deadlineMs / 1000} s`);
      settled = true;
      resolve(server(`http://127.0.0.1:${port}`));
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
