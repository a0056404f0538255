import type { GradeReport } from '../grade-report';
import { checksOfRun, LAB_POINTS, LAB_RUBRIC, type LabCheckOfRun, type LabStep } from '../lab/lab-rubric';

/**
 * The report of a step whose server could not be graded (no file yet, or it did not start):
 * every check of the step (no step: of the whole lab; or the `checks` given) loses its points
 * with `reason`, and keeps its hint.
 */
export function notRunReport(
  step: LabStep | undefined,
  reason: string,
  checks: readonly LabCheckOfRun[] = checksOfRun({ step }),
): GradeReport {
  const criteria = LAB_RUBRIC.filter((c) => checks.some((k) => k.criterion === c.id)).map((c) => {
    const own = checks.filter((k) => k.criterion === c.id);
    return {
      id: c.id,
      title: c.title,
      points: own.reduce((s, k) => s + k.points, 0),
      earned: 0,
      checks: own.map((k) => ({
        id: k.id,
        title: k.title,
        points: k.points,
        earned: 0,
        passed: false,
        reason,
        hint: k.hint,
        quote: k.quote,
        ...(k.step !== undefined && { step: k.step }),
        ms: 0,
      })),
    };
  });
  return {
    profile: 'lab',
    mode: 'external',
    ...(step !== undefined && { step }),
    targets: {},
    criteria,
    total: { earned: 0, possible: criteria.reduce((s, c) => s + c.points, 0) },
    rubric_points: LAB_POINTS,
    notes: [],
    duration_ms: 0,
  };
}
