import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../lab/free-port';
import { startWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import { LAB_STEPS, type LabStep } from '../lab/lab-rubric';
import type { LabRole, LabTargets } from '../lab/lab-context';
import { formatStep } from '../format/format-step';
import { startStepServer } from './start-step-server';

const ROOT = path.resolve(__dirname, '..', '..');

/** The server each step builds (steps 5 and 6 grow the servers of steps 1 and 4). */
export const STEP_ROLE: Record<LabStep, Exclude<LabRole, 'security'>> = { 1: 'basic', 2: 'joke', 3: 'card', 4: 'network', 5: 'basic', 6: 'network' };

/**
 * Where a step's server lives: `exercises/stepN/server.ts`, or the solution's. CHECK_EXERCISES_DIR
 * moves the folder (the grader's own tests point it at their fixtures).
 */
export const stepFile = (step: LabStep, solution: boolean, dir = path.join(ROOT, 'exercises')): string =>
  path.join(path.resolve(ROOT, dir), ...(solution ? ['solutions'] : []), `step${step}`, 'server.ts');

/**
 * `npm run check -- N [--solution]`: starts the grader's world and the student's step-N server
 * in it, grades step N, prints each lost point with a hint, and stops everything. Exit code 0
 * whenever grading ran; 1 when the server could not be started; 2 for bad arguments.
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const step = Number(argv.find((a) => /^\d+$/.test(a))) as LabStep;
  const solution = argv.includes('--solution');
  if (!LAB_STEPS.includes(step)) {
    process.stderr.write('usage: npm run check -- N [--solution]   (N = 1 … 6: the step to grade)\n');
    return 2;
  }
  const file = stepFile(step, solution, env.CHECK_EXERCISES_DIR || undefined);
  const shown = path.relative(ROOT, file);
  if (!fs.existsSync(file)) {
    process.stderr.write(`check: ${shown} does not exist yet. Write the step ${step} server there (INSTRUCTIONS.md, step ${step}), then run npm run check -- ${step} again.\n`);
    return 1;
  }
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `hooklab-check${step}-`));
  const world = await startWorld();
  try {
    const port = await freePort();
    process.stderr.write(`check: starting ${shown} on port ${port} in the grader's world…\n`);
    let server;
    try {
      server = await startStepServer(file, { ...world.env, PORT: String(port), HOST: '127.0.0.1', LOG_DIR: logDir }, ROOT);
    } catch (err) {
      process.stderr.write(`check: ${shown} could not be started: ${(err as Error).message}\n`);
      return 1;
    }
    try {
      const role = STEP_ROLE[step];
      const target = { label: `step ${step} server (${shown})`, url: server.url };
      const targets: LabTargets = { servers: { [role]: target, ...(role === 'basic' && { security: target }) }, missing: {} };
      const report = await runLabGrade(targets, new WorldClient(world.url), {
        mode: 'external', step,
        onCheck: (_c, k) => process.stderr.write(`${k.passed ? 'ok  ' : 'FAIL'} ${k.id}\n`),
      });
      process.stdout.write(formatStep(report, shown));
      const exited = server.exited();
      if (exited !== null) process.stdout.write(`\nYour server stopped during the check (exit ${exited}); its last output:\n${server.output().slice(-1500)}\n`);
      return 0;
    } finally {
      await server.stop();
    }
  } finally {
    await world.close();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`check: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
