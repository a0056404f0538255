import { targetsFromEnv } from './grade-targets';
import { startLocalTargets, type LocalTargets } from './start-local-targets';
import { runGrade } from './run-grade';
import { formatReport } from './format-report';

/**
 * `npm run grade [-- --json]`: grades this repo's servers (started here), or the servers named
 * by GRADE_BASIC_URL, GRADE_JOKE_URL, GRADE_CARD_URL, GRADE_NETWORK_URL (see grader/README.md).
 * Exit code 0 whenever grading ran, whatever the score; 1 only when the grader could not run.
 */
async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const json = argv.includes('--json');
  const external = targetsFromEnv(env);
  let local: LocalTargets | undefined;
  if (!external) {
    try {
      local = await startLocalTargets();
    } catch (err) {
      process.stderr.write(`grade: cannot start this repo's servers: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
  try {
    const report = await runGrade(external ?? local!.targets, {
      onCheck: json ? undefined : (c, k) => process.stderr.write(`${k.passed ? 'ok  ' : 'FAIL'} ${c.id} › ${k.id}${k.reason ? `: ${k.reason}` : ''}\n`),
    });
    process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `\n${formatReport(report)}`);
    return 0;
  } finally {
    await local?.close();
  }
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`grade: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
