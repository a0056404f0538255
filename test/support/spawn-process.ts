import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');

export interface SpawnedProcess {
  child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output (rejects if the process exits first). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Runs a TypeScript entry point of this repo (through tsx) as its own process. */
export function spawnTs(entry: string, env: Record<string, string>, args: string[] = []): SpawnedProcess {
  return spawnCommand(process.execPath, ['--import', 'tsx', path.join(ROOT, entry), ...args], env);
}

/**
 * Runs a command in the repo's folder (e.g. `npm start`), with only the given environment.
 * `detached`: in a process group of its own, which a test can signal as a terminal's Ctrl-C does.
 */
export function spawnCommand(
  command: string,
  args: string[],
  env: Record<string, string>,
  { detached = false }: { detached?: boolean } = {},
): SpawnedProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    detached,
    // DOTENV_CONFIG_PATH: a developer's own .env must not change what a test sees.
    // TMPDIR: temp folders the process makes land under the test run's root (removed at the end).
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      TMPDIR: os.tmpdir(),
      DOTENV_CONFIG_PATH: '/dev/null',
      DOTENV_CONFIG_QUIET: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    out += chunk.toString('utf8');
    for (const l of listeners) l();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const l of listeners) l();
      resolve(code);
    }),
  );
  let done = false;
  void exited.then(() => (done = true));

  const waitFor = (pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${pattern}; output:\n${out}`)), timeoutMs);
      const check = (): void => {
        const match = out.match(pattern);
        if (match) finish(undefined, match);
        else if (done || child.exitCode !== null) finish(new Error(`process exited before ${pattern}; output:\n${out}`));
      };
      const finish = (err?: Error, match?: RegExpMatchArray): void => {
        clearTimeout(timer);
        listeners.delete(check);
        if (err) reject(err);
        else resolve(match!);
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => out, waitFor, exited };
}

/**
 * Resolves once the output matches `pattern`, even when it comes after the process itself is
 * gone: a SIGKILLed npm leaves its output pipe to the launcher below it, which still writes there.
 */
export function outputAfterExit(spawned: SpawnedProcess, pattern: RegExp): Promise<void> {
  return new Promise<void>((resolve) => {
    const check = (): void => void (pattern.test(spawned.output()) && resolve());
    spawned.child.stdout?.on('data', check);
    spawned.child.stdout?.on('close', check);
    check();
  });
}
