import path from 'node:path';
import { parseCliOptions, USAGE, type CliOptions } from './cli-options';
import { FORMATTERS } from './format/formatters';
import { gradeLab } from './lab/grade-lab';
import { gradeHooklab } from './hooklab/grade-hooklab';
import { serveWorld } from './world/serve-world';
import { gradeRosterFile } from './roster/grade-roster-file';
import { sandboxReport } from './sandbox/sandbox-report';
import { writeOutput } from './write-output';
import { DEFAULT_TIME_LIMIT_S, gradeSubmission } from './submission/grade-submission';

const progress = (options: CliOptions) =>
  options.format === 'table'
    ? (criterion: string, check: { id: string; passed: boolean; reason?: string }) =>
        process.stderr.write(`${check.passed ? 'ok  ' : 'FAIL'} ${criterion} › ${check.id}${check.reason ? `: ${check.reason}` : ''}\n`)
    : undefined;

/**
 * `npm run grade`: grades the lab (see grader/README.md). Exit code 0 whenever grading ran,
 * whatever the score; 1 when the grader itself could not run; 2 for arguments it does not know.
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (err) {
    process.stderr.write(`grade: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (options.serve) {
    await serveWorld(env, process.stdout);
    return 0;
  }
  if (options.roster) {
    const csv =
      options.csv ?? path.join(path.dirname(options.roster), `${path.basename(options.roster, path.extname(options.roster))}.grades.csv`);
    const out = await gradeRosterFile(options.roster, env, {
      csv,
      format: options.format,
      ...(options.jobs !== undefined && { jobs: options.jobs }),
      log: (l) => process.stderr.write(`${l}\n`),
    });
    writeOutput(out, options.output);
    return 0;
  }
  const onCheck = progress(options);
  if (options.submission) {
    const limit = Number(env.GRADE_STUDENT_TIME_LIMIT_S) > 0 ? Number(env.GRADE_STUDENT_TIME_LIMIT_S) : DEFAULT_TIME_LIMIT_S;
    const report = await gradeSubmission(path.resolve(options.submission), {
      timeLimitMs: limit * 1000,
      ...(onCheck && { onCheck: (c, k) => onCheck(c.id, k) }),
    });
    writeOutput(FORMATTERS[options.format](report), options.output);
    return 0;
  }
  const report =
    options.profile === 'hooklab'
      ? await gradeHooklab(env, onCheck)
      : await gradeLab(env, { ...(options.step !== undefined && { step: options.step }), ...(onCheck && { onCheck }) });
  writeOutput(FORMATTERS[options.format]({ ...report, sandbox: sandboxReport() }), options.output);
  return 0;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`grade: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
