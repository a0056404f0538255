import type { GradeReport } from '../grade-report';
import { lostChecks } from '../grade-report';

/** `npm run check` for a student: the step's score, then each lost point with why and what to do. */
export function formatStep(report: GradeReport, file: string): string {
  const lines = ['', `Step ${report.step} — ${file}: ${report.total.earned}/${report.total.possible} points`];
  const lost = lostChecks(report);
  if (lost.length === 0) lines.push('', 'Every check of this step passed.');
  for (const { check } of lost) {
    lines.push('', `  -${check.points}  ${check.title}`);
    lines.push(`       why:  ${check.reason ?? ''}`);
    if (check.hint) lines.push(`       what to do: ${check.hint}`);
  }
  lines.push('', `(step ${report.step} is worth ${report.total.possible} of the lab's ${report.rubric_points} points)`, '');
  return lines.join('\n');
}
