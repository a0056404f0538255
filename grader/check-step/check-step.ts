import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { studentPort } from '../sandbox/student-port';
import type { RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade, type RunLabGradeOptions } from '../lab/run-lab-grade';
import type { LabStep } from '../lab/lab-rubric';
import type { LabRole, LabTargets } from '../lab/lab-context';
import type { GradeReport } from '../grade-report';
import { startStepServer } from './start-step-server';

const ROOT = path.resolve(__dirname, '..', '..');

/** The server each step builds (steps 5 and 6 grow the servers of steps 1 and 4). */
export const STEP_ROLE: Record<LabStep, Exclude<LabRole, 'security'>> = {
  1: 'basic',
  2: 'joke',
  3: 'card',
  4: 'network',
  5: 'basic',
  6: 'network',
};

/**
 * Where a step's server lives: `exercises/stepN/server.ts`, or the solution's. CHECK_EXERCISES_DIR
 * moves the folder (the grader's own tests point it at their fixtures).
 */
export const stepFile = (step: LabStep, solution: boolean, dir = path.join(ROOT, 'exercises')): string =>
  path.join(path.resolve(ROOT, dir), ...(solution ? ['solutions'] : []), `step${step}`, 'server.ts');

export interface StepCheck {
  report: GradeReport;
  /** Set when the server stopped while it was graded: how, and the end of what it printed. */
  crashed?: { exit: string; output: string };
}

export interface CheckStepOptions {
  /** Told the port before the server starts (the CLI prints it). */
  onStarting?: (port: number) => void;
  /** Called after each check (progress). */
  onCheck?: RunLabGradeOptions['onCheck'];
}

/**
 * Grades one step's server file in a running world, as `npm run check -- N` does: starts it with
 * tsx, the world's environment, a free PORT, HOST=127.0.0.1 and a temporary LOG_DIR, grades step
 * N, and stops it. Throws when the server cannot be started (it never listened, or it exited).
 */
export async function checkStep(step: LabStep, file: string, world: RunningWorld, options: CheckStepOptions = {}): Promise<StepCheck> {
  const shown = path.relative(ROOT, file);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `hooklab-check${step}-`));
  try {
    const port = await studentPort();
    options.onStarting?.(port);
    const server = await startStepServer(file, { ...world.env, PORT: String(port), HOST: '127.0.0.1', LOG_DIR: logDir }, ROOT);
    try {
      const role = STEP_ROLE[step];
      const target = { label: `step ${step} server (${shown})`, url: server.url };
      const targets: LabTargets = {
        servers: { [role]: target, ...(role === 'basic' && { security: target }) },
        missing: {},
        logs: { dir: logDir, output: server.output },
      };
      const report = await runLabGrade(targets, new WorldClient(world.url, world.controlToken), {
        mode: 'external',
        step,
        ...(options.onCheck && { onCheck: options.onCheck }),
      });
      const exit = server.exited();
      return { report, ...(exit !== null && { crashed: { exit, output: server.output().slice(-1500) } }) };
    } finally {
      await server.stop();
      // Its processes are gone only now: whatever they did to the world meanwhile is undone for the next step.
      await new WorldClient(world.url, world.controlToken).reset();
    }
  } finally {
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
