import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/** One server or simulator of the lab, run as its own process, its output prefixed by name. */
export class LabProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private output = '';
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly name: string,
    entry: string,
    env: NodeJS.ProcessEnv,
    write: (line: string) => void,
  ) {
    // An IPC channel lets the child notice when the launcher is gone and stop with it.
    this.child = spawn(process.execPath, ['--import', 'tsx', path.resolve(ROOT, entry)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const label = `[${name}]`.padEnd(10);
    let partial = '';
    const onData = (chunk: Buffer): void => {
      this.output += chunk.toString('utf8');
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) write(`${label} ${line}`);
      for (const notify of this.waiters) notify();
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        for (const notify of this.waiters) notify();
        resolve(code);
      }),
    );
  }

  /** Resolves with the first match of `pattern` in the output; rejects if the process exits. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`${this.name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      const check = (): void => {
        const match = this.output.match(pattern);
        if (match) settle(undefined, match);
        else if (this.child.exitCode !== null) settle(new Error(`${this.name} stopped while starting (exit code ${this.child.exitCode})`));
      };
      const settle = (err?: Error, match?: RegExpMatchArray): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (err) reject(err);
        else resolve(match!);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** SIGTERM, then SIGKILL if it has not stopped within `graceMs`. */
  async stop(graceMs: number): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
