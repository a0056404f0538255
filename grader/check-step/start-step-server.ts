import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface StepServer {
  url: string;
  /** Everything it printed so far (the end of it, for a crash report). */
  output(): string;
  /** Null while it runs; its exit code (or signal) once it stopped. */
  exited(): string | null;
  stop(): Promise<void>;
}

const STARTUP_LIMIT_MS = 30_000;

/** tsx from this repo's node_modules, else through npx. */
function tsxCommand(root: string): { command: string; args: string[] } {
  const local = path.join(root, 'node_modules', '.bin', 'tsx');
  return fs.existsSync(local) ? { command: local, args: [] } : { command: 'npx', args: ['tsx'] };
}

/** Resolves once something accepts TCP connections on the port (or rejects with why not). */
async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server stopped before it answered (exit ${child.exitCode ?? child.signalCode}):\n${output().slice(-1500)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`the server did not listen on port ${port} within ${STARTUP_LIMIT_MS / 1000} s (does it read PORT?):\n${output().slice(-1500)}`);
    // Polling is the only way to learn when another process starts listening.
    await new Promise((r) => setTimeout(r, 100));
  }
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
