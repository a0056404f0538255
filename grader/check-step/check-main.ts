import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startWorld, type RunningWorld } from '../world/start-world';
import { LAB_STEPS, type LabStep } from '../lab/lab-rubric';
import type { GradeReport } from '../grade-report';
import { formatStep } from '../format/format-step';
import { formatGradescope } from '../format/format-gradescope';
import { checkStep, stepFile } from './check-step';
import { notRunReport } from './not-run-report';
import { mergeReports } from './merge-reports';
import { sandboxReport, sandboxWarningLine } from '../sandbox/sandbox-report';
import { writeOutput } from '../write-output';

const ROOT = path.resolve(__dirname, '..', '..');
const FORMATS = ['text', 'json', 'gradescope'] as const;
type Format = (typeof FORMATS)[number];
const USAGE = `usage: npm run check -- N [--solution] [--format text|json|gradescope] [--output FILE] [--require-full-marks]
  N = 1 … 6: the step to grade; several (1 2 3) or all grade those steps in one world
  --output FILE: write the result there (once every student process is gone) instead of stdout
  --require-full-marks: exit 1 unless every point of the steps was earned (GitHub Classroom)`;

/** Why a step could not be graded: one line for every check, and what the server printed, said once. */
interface Problem {
  problem: string;
  output?: string;
}

/** Grades one step's server, or says why it could not be graded (no file yet, or it did not start). */
async function gradeOne(step: LabStep, file: string, world: RunningWorld): Promise<{ report: GradeReport; text: string } | Problem> {
  const shown = path.relative(ROOT, file);
  if (!fs.existsSync(file)) {
    return {
      problem: `${shown} does not exist yet. Write the step ${step} server there (INSTRUCTIONS.md, step ${step}), then run npm run check -- ${step} again.`,
    };
  }
  try {
    const { report, crashed } = await checkStep(step, file, world, {
      onStarting: (port) => process.stderr.write(`check: starting ${shown} on port ${port} in the grader's world…\n`),
      onCheck: (_c, k) => process.stderr.write(`${k.passed ? 'ok  ' : 'FAIL'} ${k.id}\n`),
    });
    const after = crashed ? `\nYour server stopped during the check (exit ${crashed.exit}); its last output:\n${crashed.output}\n` : '';
    if (crashed)
      report.notes.push(`step ${step}: the server stopped during the check (exit ${crashed.exit}); its last output:\n${crashed.output}`);
    return { report, text: formatStep(report, shown) + after };
  } catch (err) {
    const [first = '', ...rest] = (err as Error).message.split('\n');
    const output = rest.join('\n').trim();
    return { problem: `${shown} could not be started: ${first.replace(/:$/, '')}`, ...(output && { output }) };
  }
}

/**
 * `npm run check -- N [--solution]`: starts the grader's world and the student's step-N server
 * in it, grades step N, prints each lost point with a hint, and stops everything. Several steps
 * (`all`) share one world; `--format gradescope` prints Gradescope's results.json instead. Exit
 * code 0 whenever grading ran (with --require-full-marks, only when every point was earned); 1
 * when the one step asked for has no server that starts; 2 for bad arguments.
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let steps: LabStep[];
  let solution: boolean;
  let format: Format;
  let output: string | undefined;
  let requireFull: boolean;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: {
        solution: { type: 'boolean', default: false },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
        'require-full-marks': { type: 'boolean', default: false },
      },
      allowPositionals: true,
    });
    steps = positionals.includes('all') ? [...LAB_STEPS] : positionals.map((p) => Number(p) as LabStep);
    if (steps.length === 0 || steps.some((s) => !LAB_STEPS.includes(s))) throw new Error('which step?');
    if (!FORMATS.includes(values.format as Format)) throw new Error(`--format must be ${FORMATS.join(', ')}`);
    solution = values.solution ?? false;
    format = values.format as Format;
    output = values.output;
    requireFull = values['require-full-marks'] ?? false;
  } catch {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  steps = [...new Set(steps)];
  // One step in the terminal: a missing or broken server is a message, not a score.
  const strict = steps.length === 1 && format === 'text';
  const world = await startWorld({ lockControls: true });
  let result: string;
  let full: boolean;
  try {
    const reports: GradeReport[] = [];
    const texts: string[] = [];
    for (const step of steps) {
      const file = stepFile(step, solution, env.CHECK_EXERCISES_DIR || undefined);
      const graded = await gradeOne(step, file, world);
      if ('report' in graded) {
        reports.push(graded.report);
        texts.push(graded.text);
        continue;
      }
      process.stderr.write(`check: ${graded.problem}\n${graded.output ? `${graded.output}\n` : ''}`);
      if (strict) return 1;
      // Several steps, or a results file: a step that cannot be graded scores 0, saying why
      // in each check, and showing what the server printed once (a note), not in every check.
      const report = notRunReport(step, graded.problem);
      if (graded.output) report.notes.push(`step ${step}: what the server printed before it stopped:\n${graded.output}`);
      reports.push(report);
      texts.push(formatStep(report, path.relative(ROOT, file)) + (graded.output ? `\nIts last output:\n${graded.output}\n` : ''));
    }
    const merged = { ...mergeReports(reports), sandbox: sandboxReport() };
    full = merged.total.earned === merged.total.possible;
    const single = reports.length === 1 ? { ...reports[0]!, sandbox: merged.sandbox } : merged;
    result =
      format === 'gradescope'
        ? formatGradescope(merged)
        : format === 'json'
          ? `${JSON.stringify(single, null, 2)}\n`
          : sandboxWarningLine(merged) +
            texts.join('') +
            (steps.length > 1 ? `\nSteps ${steps.join(', ')}: ${merged.total.earned}/${merged.total.possible} points\n` : '');
  } finally {
    await world.close();
  }
  // Only now, with every student process gone and the world closed, is the result written.
  writeOutput(result, output);
  // GitHub Classroom's command grader gives a step its points when the command exits 0.
  return requireFull && !full ? 1 : 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`check: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
