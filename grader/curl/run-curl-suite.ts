import fs from 'node:fs';
import path from 'node:path';
import { copySubmission } from '../sandbox/copy-submission';
import { makeStage } from '../sandbox/stage';
import { spawnSandboxed } from '../sandbox/spawn-sandboxed';

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
const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** This repo's own suite (the grader's, trusted): it runs in place, reading curl-tests/ read-only. */
export const OWN_SUITE = path.join(REPO_ROOT, 'grader', 'hooklab', 'curl-suite.sh');

const isExecutable = (file: string): boolean => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Runs the suite in the sandbox (grader/sandbox) with exactly `env` (plus PATH, HOME and a fresh
 * LOG_DIR): each run in a fresh copy of its folder (`cwd`, else the script's), with a fresh HOME
 * and /tmp, so no run can leave anything for the next. At the time limit, and when the script
 * ends, everything it started is killed (its PID namespace), `setsid` and double forks included.
 * Never rejects.
 */
export async function runCurlSuite(
  script: string,
  env: Record<string, string>,
  options: { cwd?: string; timeoutMs: number },
): Promise<SuiteRun> {
  const started = Date.now();
  const own = path.resolve(script) === OWN_SUITE;
  const folder = path.resolve(options.cwd ?? path.dirname(script));
  const inside = path.relative(folder, path.resolve(script));
  const copied = !own && !inside.startsWith('..');
  let stage;
  try {
    stage = makeStage(
      REPO_ROOT,
      (app) => {
        fs.mkdirSync(path.join(app, 'logs'));
        copySubmission(folder, path.join(app, 'suite'));
        if (!own && !copied) copySubmission(script, path.join(app, 'script', path.basename(script)));
      },
      [],
    );
  } catch (err) {
    return { code: null, timedOut: false, tail: `could not copy it: ${(err as Error).message}`, ms: Date.now() - started };
  }
  const file = own ? OWN_SUITE : copied ? path.join(stage.app, 'suite', inside) : path.join(stage.app, 'script', path.basename(script));
  const executable = !file.endsWith('.sh') && isExecutable(file);
  // This repo's suite reads curl-tests/ and their payloads/ where they are, read-only.
  const ownMounts = own ? ['grader/hooklab', 'curl-tests', 'payloads'].map((p) => ({ path: path.join(REPO_ROOT, p) })) : [];
  const run = spawnSandboxed({
    command: executable ? file : '/bin/bash',
    args: executable ? [] : [file],
    env: { LANG: 'C.UTF-8', ...env, LOG_DIR: path.join(stage.app, 'logs') },
    cwd: path.join(stage.app, 'suite'),
    uid: stage.uid,
    mounts: [...stage.mounts, ...ownMounts],
  });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void run.kill();
  }, options.timeoutMs);
  await run.gone;
  clearTimeout(timer);
  await run.kill();
  stage.remove();
  const code = timedOut || run.child.exitCode === null ? null : run.child.exitCode;
  const tail = run.output().trim().split('\n').slice(-TAIL_LINES).join(' | ');
  return { code, timedOut, tail, ms: Date.now() - started };
}
