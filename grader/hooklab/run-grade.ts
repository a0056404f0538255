import { RUBRIC, TOTAL_POINTS } from './rubric';
import type { CheckReport, CriterionReport, GradeReport } from '../grade-report';
import type { CheckFn, GradeContext } from './grade-context';
import { GradeHttp } from '../grade-http';
import type { GradeTargets } from './grade-targets';
import { webhookServerChecks } from './checks/webhook-server-checks';
import { apiIntegrationChecks } from './checks/api-integration-checks';
import { networkAutomationChecks } from './checks/network-automation-checks';
import { curlSuiteChecks } from './checks/curl-suite-checks';
import { securityChecks } from './checks/security-checks';
import { runCheck } from '../run-check';

export type { CheckReport, CriterionReport, GradeReport };

const IMPLEMENTATIONS: Record<string, CheckFn> = {
  ...webhookServerChecks,
  ...apiIntegrationChecks,
  ...networkAutomationChecks,
  ...curlSuiteChecks,
  ...securityChecks,
};

// No single check may hold the grade hostage, whatever the server does.
const CHECK_DEADLINE_MS = 150_000;

export interface RunGradeOptions {
  /** Called after each check (progress on stderr). */
  onCheck?: (criterion: CriterionReport, check: CheckReport) => void;
  /** Default timeout of one HTTP request (10 s). */
  requestTimeoutMs?: number;
}

/**
 * Grades the targets against the RUBRIC, one check at a time and in order (the card deck and
 * the router are shared state). Never throws for anything a server does.
 */
export async function runGrade(targets: GradeTargets, options: RunGradeOptions = {}): Promise<GradeReport> {
  const started = performance.now();
  const ctx: GradeContext = { targets, http: new GradeHttp(targets.auth, options.requestTimeoutMs) };
  const criteria: CriterionReport[] = [];
  for (const criterion of RUBRIC) {
    const report: CriterionReport = { id: criterion.id, title: criterion.title, points: criterion.points, earned: 0, checks: [] };
    criteria.push(report);
    for (const check of criterion.checks) {
      const t = performance.now();
      const implementation = IMPLEMENTATIONS[check.id];
      const { reason, note } = implementation
        ? await runCheck(implementation, ctx, CHECK_DEADLINE_MS)
        : { reason: 'not implemented in the grader', note: undefined };
      const result: CheckReport = {
        id: check.id,
        title: check.title,
        points: check.points,
        earned: reason ? 0 : check.points,
        passed: !reason,
        ...(reason && { reason }),
        ...(note && { note }),
        ms: Math.round(performance.now() - t),
      };
      report.checks.push(result);
      report.earned += result.earned;
      options.onCheck?.(report, result);
    }
  }
  return {
    profile: 'hooklab',
    mode: targets.mode,
    targets: Object.fromEntries(Object.entries(targets.servers).map(([role, t]) => [role, t.url])),
    criteria,
    total: { earned: criteria.reduce((s, c) => s + c.earned, 0), possible: TOTAL_POINTS },
    rubric_points: TOTAL_POINTS,
    notes: [],
    duration_ms: Math.round(performance.now() - started),
  };
}
