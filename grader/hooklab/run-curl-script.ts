import { spawn } from 'node:child_process';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');

/** How one curl script went. */
export interface CurlScriptResult {
  passed: number;
  failed: number;
  /** The script's FAIL lines, as printed. */
  failures: string[];
  /** Set when the script did not run to its summary line (missing tool, timeout, crash). */
  problem?: string;
}

/**
 * Runs curl-tests/<script> with bash and the given environment (nothing else from ours, so a
 * WEBHOOK_TOKEN exported in the grader's shell cannot leak in). Never rejects.
 */
export function runCurlScript(script: string, env: Record<string, string>, timeoutMs = 120_000): Promise<CurlScriptResult> {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn('bash', [path.join(REPO_ROOT, 'curl-tests', script)], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const settle = (problem?: string): void => {
      clearTimeout(timer);
      const failures = out.split('\n').filter((l) => l.startsWith('FAIL '));
      const summary = /: (\d+) passed, (\d+) failed\s*$/.exec(out);
      if (!summary) {
        const last = out.trim().split('\n').pop() ?? '';
        return resolve({
          passed: 0,
          failed: 0,
          failures,
          problem: problem ?? `${script} ended without its summary line${last ? ` (last line: ${last.slice(0, 120)})` : ''}`,
        });
      }
      resolve({ passed: Number(summary[1]), failed: Number(summary[2]), failures });
    };
    child.on('error', (err) => settle(`cannot run bash: ${err.message}`));
    child.on('close', (code, signal) =>
      settle(
        signal === 'SIGKILL'
          ? `${script} did not finish within ${timeoutMs / 1000} s`
          : code === 2
            ? out.trim().split('\n').pop()
            : undefined,
      ),
    );
  });
}
