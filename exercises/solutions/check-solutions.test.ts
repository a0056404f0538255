import fs from 'node:fs';
import path from 'node:path';
import { startWorld, type RunningWorld } from '../../grader/world/start-world';
import { checkStep, stepFile } from '../../grader/check-step/check-step';
import { formatStep } from '../../grader/format/format-step';
import { lostChecks, type GradeReport } from '../../grader/grade-report';
import { LAB_CHECKS, LAB_STEPS, stepPoints, type LabStep } from '../../grader/lab/lab-rubric';
import { TYPICAL_MISTAKES, typicalMistake, writeMistake } from './typical-mistakes';

/**
 * The build track, graded the way `npm run check -- N` grades it (its own `checkStep`, the real
 * lab rubric, the grader's world with its failures) — one world for the whole file, one server at
 * a time: every solution earns its step's full marks; every starter earns 0, survives the grading
 * and says why and what to do for each lost point; and each typical mistake loses exactly the
 * points of the checks it names in `costs`, nothing more.
 */

const lost = (report: GradeReport): string[] => lostChecks(report).map(({ check }) => check.id);
const pointsOf = (ids: readonly string[]): number => LAB_CHECKS.filter((c) => ids.includes(c.id)).reduce((s, c) => s + c.points, 0);
// A step grades in 5–30 s (a hanging API is given 15 s); a server's start is part of it.
const STEP_TIMEOUT_MS = 120_000;

describe('the exercises, graded by npm run check', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world?.close());

  it.each(LAB_STEPS.map((s) => [s]))(
    'the solution of step %i earns every point of its step',
    async (step) => {
      const { report, crashed } = await checkStep(step, stepFile(step, true), world);
      expect(lostChecks(report).map(({ check }) => `${check.id}: ${check.reason}`)).toEqual([]);
      expect(report.total).toEqual({ earned: stepPoints(step), possible: stepPoints(step) });
      expect(crashed).toBeUndefined();
    },
    STEP_TIMEOUT_MS,
  );

  it.each(LAB_STEPS.map((s) => [s]))(
    'the starter of step %i earns 0, keeps running, and says why and what to do for each lost point',
    async (step) => {
      const { report, crashed } = await checkStep(step, stepFile(step, false), world);
      expect(report.total).toEqual({ earned: 0, possible: stepPoints(step) });
      expect(crashed).toBeUndefined();
      const checks = lostChecks(report).map(({ check }) => check);
      expect(checks.map((c) => c.id)).toEqual(LAB_CHECKS.filter((c) => c.step === step).map((c) => c.id));
      for (const c of checks) expect([c.id, (c.reason ?? '').length > 20, (c.hint ?? '').length > 20]).toEqual([c.id, true, true]);
      // What the student reads: a "why" and a "what to do" under every lost point.
      const text = formatStep(report, stepFile(step, false));
      expect([text.split('\n       why:  ').length - 1, text.split('\n       what to do: ').length - 1]).toEqual([
        checks.length,
        checks.length,
      ]);
    },
    STEP_TIMEOUT_MS,
  );

  it.each(TYPICAL_MISTAKES.map((m) => [m.id, m.costs.join(', '), m]))(
    'the typical mistake %s loses exactly the points of %s',
    async (_id, _costs, mistake) => {
      const step = mistake.step as LabStep;
      expect(mistake.costs.length).toBeGreaterThan(0);
      for (const id of mistake.costs) expect(LAB_CHECKS.find((c) => c.id === id)?.step).toBe(step);
      const written = writeMistake(mistake);
      try {
        const { report, crashed } = await checkStep(step, written.file, world);
        expect(lost(report).sort()).toEqual([...mistake.costs].sort());
        expect(report.total.earned).toBe(stepPoints(step) - pointsOf(mistake.costs));
        expect(crashed).toBeUndefined();
      } finally {
        written.remove();
      }
    },
    STEP_TIMEOUT_MS,
  );

  it(
    "INSTRUCTIONS.md's sample of npm run check is what it prints for step 1's typical mistake",
    async () => {
      const text = fs.readFileSync(path.join(__dirname, '../../INSTRUCTIONS.md'), 'utf8');
      const sample = /```text\n\$ npm run check -- 1\n([\s\S]*?)```/.exec(text)?.[1] ?? '';
      const written = writeMistake(typicalMistake('no-error-handler'));
      try {
        const { report } = await checkStep(1, written.file, world);
        const progress = report.criteria.flatMap((c) => c.checks).map((k) => `${k.passed ? 'ok  ' : 'FAIL'} ${k.id}`);
        expect(sample.split('\n').slice(1, 1 + progress.length)).toEqual(progress);
        expect(sample.slice(sample.indexOf('Step 1 — ')).trim()).toBe(formatStep(report, 'exercises/step1/server.ts').trim());
      } finally {
        written.remove();
      }
    },
    STEP_TIMEOUT_MS,
  );
});
