/** One check of a report: its points, and when it lost them, why and what to do. */
export interface CheckReport {
  id: string;
  title: string;
  points: number;
  earned: number;
  passed: boolean;
  /** Why it failed. */
  reason?: string;
  /** What to do about it, as a student can act on it. */
  hint?: string;
  /** The lab text's sentence this check grades (lab profile). */
  quote?: string;
  /** How it was graded, when that needs saying. */
  note?: string;
  /** The lab step the check belongs to (lab profile; the curl suite belongs to none). */
  step?: number;
  ms: number;
}

export interface CriterionReport {
  id: string;
  title: string;
  points: number;
  earned: number;
  checks: CheckReport[];
}

/** What `npm run grade -- --json` prints. */
export interface GradeReport {
  /** 'lab': the lab text's requirements; 'hooklab': this repo's own answer shapes. */
  profile: 'lab' | 'hooklab';
  /** 'local': this repo's servers, started by the grader; 'external': servers at GRADE_*_URL. */
  mode: 'local' | 'external';
  /** Set when one lab step was graded (`--step N`): only its checks count. */
  step?: number;
  targets: Record<string, string>;
  criteria: CriterionReport[];
  total: { earned: number; possible: number };
  /** The whole rubric (75), also when a step's checks make `total.possible` smaller. */
  rubric_points: number;
  /** What the reader should know about the run itself (e.g. which world was used). */
  notes: string[];
  duration_ms: number;
  /** How student code ran (set when the grader started any): sandboxed, or not and why. */
  sandbox?: { isolated: boolean; summary: string; warning?: string };
}

/** Every check that lost points, with its criterion. */
export function lostChecks(report: GradeReport): Array<{ criterion: CriterionReport; check: CheckReport }> {
  return report.criteria.flatMap((criterion) => criterion.checks.filter((c) => !c.passed).map((check) => ({ criterion, check })));
}
