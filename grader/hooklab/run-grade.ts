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

async function runCheck(fn: CheckFn | undefined, ctx: GradeContext): Promise<{ reason?: string; note?: string }> {
  if (!fn) return { reason: 'not implemented in the grader' };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the check did not finish within ${CHECK_DEADLINE_MS / 1000} s`)), CHECK_DEADLINE_MS);
  });
  try {
    const note = await Promise.race([fn(ctx), deadline]);
    return note ? { note } : {};
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

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
      const { reason, note } = await runCheck(IMPLEMENTATIONS[check.id], ctx);
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
