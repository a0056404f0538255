import type { GradeReport } from '../grade-report';
import { targetsFromEnv } from './grade-targets';
import { startLocalTargets, type LocalTargets } from './start-local-targets';
import { runGrade } from './run-grade';

/**
 * `npm run grade -- --profile hooklab`: this repo's own answer shapes (error codes, health,
 * search terms, verdicts, backups…), on this repo's servers started here or on GRADE_*_URL.
 */
export async function gradeHooklab(
  env: Record<string, string | undefined>,
  onCheck?: (criterion: string, check: { id: string; passed: boolean; reason?: string }) => void,
): Promise<GradeReport> {
  const external = targetsFromEnv(env);
  let local: LocalTargets | undefined;
  if (!external) local = await startLocalTargets();
  try {
    return await runGrade(external ?? local!.targets, { ...(onCheck && { onCheck: (c, k) => onCheck(c.id, k) }) });
  } finally {
    await local?.close();
  }
}
