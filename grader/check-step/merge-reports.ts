import type { CriterionReport, GradeReport } from '../grade-report';
import { LAB_POINTS, LAB_RUBRIC } from '../lab/lab-rubric';

/** Several steps' reports as one (`npm run check -- all`): criteria in the rubric's order, totals added up. */
export function mergeReports(reports: readonly GradeReport[]): GradeReport {
  const criteria: CriterionReport[] = LAB_RUBRIC.flatMap((c) => {
    const parts = reports.flatMap((r) => r.criteria.filter((k) => k.id === c.id));
    if (parts.length === 0) return [];
    const checks = parts.flatMap((p) => p.checks);
    return [
      {
        id: c.id,
        title: c.title,
        points: checks.reduce((s, k) => s + k.points, 0),
        earned: checks.reduce((s, k) => s + k.earned, 0),
        checks,
      },
    ];
  });
  return {
    profile: 'lab',
    mode: 'external',
    // Steps 1 and 5 (4 and 6) grade different servers in the same role: keyed by step.
    targets: Object.fromEntries(
      reports.flatMap((r) => Object.entries(r.targets).map(([role, url]) => [`step${r.step ?? ''}-${role}`, url])),
    ),
    criteria,
    total: { earned: criteria.reduce((s, c) => s + c.earned, 0), possible: criteria.reduce((s, c) => s + c.points, 0) },
    rubric_points: LAB_POINTS,
    notes: reports.flatMap((r) => r.notes),
    duration_ms: reports.reduce((s, r) => s + r.duration_ms, 0),
  };
}
