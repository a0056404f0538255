import type { GradeReport } from '../grade-report';
import { lostChecks } from '../grade-report';
import { LAB_CHECKS } from '../lab/lab-rubric';

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
  // Step 3's deck check is the build track's own: it is not among the lab's points.
  const own = report.criteria
    .flatMap((c) => c.checks)
    .filter((k) => LAB_CHECKS.find((c) => c.id === k.id)?.stepOnly)
    .reduce((sum, k) => sum + k.points, 0);
  const worth = own
    ? `${report.total.possible}: ${report.total.possible - own} of the lab's ${report.rubric_points} points, and ${own} of this step's own`
    : `${report.total.possible} of the lab's ${report.rubric_points} points`;
  lines.push('', `(step ${report.step} is worth ${worth})`, '');
  return lines.join('\n');
}
