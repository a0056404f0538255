import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How one run of a student's curl suite ended. */
export interface SuiteRun {
  /** The exit code; null when it was stopped (time limit) or could not start. */
  code: number | null;
  timedOut: boolean;
  /** The last lines it printed, for a reason. */
  tail: string;
  ms: number;
}

const TAIL_LINES = 6;

/**
 * Runs the suite with exactly `env` (plus PATH, HOME and a temporary LOG_DIR): nothing else from
 * the grader's environment leaks in. Its whole process group is killed at the time limit, so a
 * curl that hangs cannot hold the grade. Never rejects.
 */
export function runCurlSuite(script: string, env: Record<string, string>, options: { cwd?: string; timeoutMs: number }): Promise<SuiteRun> {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-curl-suite-'));
  const started = Date.now();
  const executable =
    !script.endsWith('.sh') &&
    (() => {
      try {
        fs.accessSync(script, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    })();
  return new Promise((resolve) => {
    let out = '';
    let timedOut = false;
    const child = spawn(executable ? script : 'bash', executable ? [] : [script], {
      cwd: options.cwd ?? path.dirname(script),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '', LANG: 'C.UTF-8', LOG_DIR: logDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stop = (): void => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const collect = (c: Buffer): void => {
      out = (out + c.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const done = (code: number | null, problem?: string): void => {
      clearTimeout(timer);
      stop(); // anything it left running in the background
      fs.rmSync(logDir, { recursive: true, force: true });
      const tail = problem ?? out.trim().split('\n').slice(-TAIL_LINES).join(' | ');
      resolve({ code, timedOut, tail, ms: Date.now() - started });
    };
    child.on('error', (err) => done(null, `could not run it: ${err.message}`));
    child.on('close', (code) => done(timedOut ? null : code));
  });
}
