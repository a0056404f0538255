import type { GradeReport } from '../grade-report';
import { sandboxStatus } from './sandbox-status';

/** The report's `sandbox` field: how student code ran here. */
export function sandboxReport(): NonNullable<GradeReport['sandbox']> {
  const status = sandboxStatus();
  return { isolated: status.isolated, summary: status.summary, ...(status.warning && { warning: status.warning }) };
}

/** The first line of a text report when student code was not (fully) isolated; '' when it was. */
export function sandboxWarningLine(report: Pick<GradeReport, 'sandbox'>): string {
  return report.sandbox?.warning ? `${report.sandbox.warning}\n` : '';
}
