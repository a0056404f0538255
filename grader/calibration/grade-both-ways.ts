import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LAB_CHECKS } from '../lab/lab-rubric';
import { URL_VARS } from '../lab/lab-targets';
import type { GradeReport } from '../grade-report';
import type { RunningWorld } from '../world/start-world';
import { jestTestName, pointsInName } from '../jest/jest-names';
import type { Implementation, RunningImplementation } from './start-implementation';

/**
 * Test support: an implementation graded the two ways an instructor can, as child processes —
 * `npm run grade -- --json` and the jest project (`npm run grade:jest`'s, with jest's --json) —
 * each against servers and a world of its own (grading changes a world: a deck, a router).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');

/** Runs a command to its end: its stdout, or a failure with the end of its stderr. */
function run(command: string, args: string[], env: Record<string, string>, okCodes = [0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) =>
      okCodes.includes(code ?? -1) ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** The environment both take, as an instructor gives it: the world, the servers' URLs, the suite. */
export function gradeEnv(world: RunningWorld, impl: Implementation, running: RunningImplementation): Record<string, string> {
  const env: Record<string, string> = { GRADE_WORLD_URL: world.url, GRADE_CURL_SUITE: impl.curlSuite! };
  for (const [role, name] of Object.entries(URL_VARS)) env[name] = running.targets.servers[role as keyof typeof URL_VARS]!.url;
  return env;
}

/** `npm run grade -- --json`'s report. */
export async function gradeByCli(env: Record<string, string>): Promise<GradeReport> {
  return JSON.parse(await run(path.join(BIN, 'tsx'), ['grader/main.ts', '--json'], env)) as GradeReport;
}

/** Points per check from a report. */
export const pointsByCheck = (report: GradeReport): Record<string, number> =>
  Object.fromEntries(report.criteria.flatMap((c) => c.checks.map((k) => [k.id, k.earned])));

/** Points per check from the jest project: each passed test's points, read from its name (jest exits 1 when a test fails). */
export async function gradeByJest(env: Record<string, string>): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-grade-jest-'));
  try {
    const output = path.join(dir, 'jest.json');
    await run(path.join(BIN, 'jest'), ['--selectProjects', 'grade', '--json', `--outputFile=${output}`, '--silent'], env, [0, 1]);
    const results = JSON.parse(fs.readFileSync(output, 'utf8')) as {
      testResults: Array<{ assertionResults: Array<{ title: string; status: string }> }>;
    };
    const idOf = (title: string): string => LAB_CHECKS.find((c) => jestTestName(c) === title)?.id ?? `unknown test "${title}"`;
    return Object.fromEntries(
      results.testResults.flatMap((f) => f.assertionResults.map((t) => [idOf(t.title), t.status === 'passed' ? pointsInName(t.title) : 0])),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
