import type { GradeReport } from './run-grade';

const WIDTH = 48;

/**
 * The report as a table: one row per criterion (points earned/possible), then under it each
 * check that lost points and why; the total last.
 */
export function formatReport(report: GradeReport): string {
  const lines: string[] = [];
  const where = report.mode === 'local' ? "this repo's servers (started by the grader)" : 'external servers';
  lines.push(`Grading ${where}`);
  for (const [role, url] of Object.entries(report.targets)) lines.push(`  ${role.padEnd(14)}${url}`);
  lines.push('');
  lines.push(`${'Criterion'.padEnd(WIDTH)}${'Points'.padStart(7)}  What failed and why`);
  lines.push(`${'-'.repeat(WIDTH)}${'-'.repeat(7)}  ${'-'.repeat(40)}`);
  for (const c of report.criteria) {
    const failed = c.checks.filter((k) => !k.passed);
    lines.push(`${c.title.padEnd(WIDTH)}${`${c.earned}/${c.points}`.padStart(7)}  ${failed.length === 0 ? '-' : `${failed.length} check${failed.length > 1 ? 's' : ''} failed`}`);
    for (const k of failed) lines.push(`${''.padEnd(WIDTH)}${`-${k.points}`.padStart(7)}  ${k.id}: ${k.reason}`);
    for (const k of c.checks.filter((x) => x.passed && x.note?.startsWith('external'))) lines.push(`${''.padEnd(WIDTH)}${''.padStart(7)}  (${k.id}: ${k.note})`);
  }
  lines.push('');
  lines.push(`Total: ${report.total.earned}/${report.total.possible}`);
  return `${lines.join('\n')}\n`;
}
