import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitForPort } from './wait-for-port';

export interface StepServer {
  url: string;
  /** Everything it printed so far (the end of it, for a crash report). */
  output(): string;
  /** Null while it runs; its exit code (or signal) once it stopped. */
  exited(): string | null;
  stop(): Promise<void>;
}

/** tsx from this repo's node_modules, else through npx. */
function tsxCommand(root: string): { command: string; args: string[] } {
  const local = path.join(root, 'node_modules', '.bin', 'tsx');
  return fs.existsSync(local) ? { command: local, args: [] } : { command: 'npx', args: ['tsx'] };
}

/**
 * Starts a student's TypeScript server file with tsx, in its own process group, with exactly
 * `env` (plus PATH and HOME), and waits until it accepts connections on env.PORT.
 */
export async function startStepServer(file: string, env: Record<string, string>, root: string): Promise<StepServer> {
  const { command, args } = tsxCommand(root);
  const child = spawn(command, [...args, file], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const collect = (c: Buffer): void => {
    out = (out + c.toString('utf8')).slice(-50_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  };
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitForPort(Number(env.PORT), child, () => out);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    url: `http://127.0.0.1:${env.PORT}`,
    output: () => out,
    exited: () => (child.exitCode !== null ? String(child.exitCode) : child.signalCode),
    stop,
  };
}
