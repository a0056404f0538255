import type { GradeReport } from '../grade-report';
import { lostChecks } from '../grade-report';

export interface RosterRow {
  name: string;
  report: GradeReport;
}

const csvField = (v: string | number): string => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * One CSV row per student: the total, each criterion, the checks that lost points, and (when
 * written) the student's feedback file with every reason and hint.
 */
export function formatRosterCsv(rows: RosterRow[], feedback?: string[]): string {
  const criteria = rows[0]?.report.criteria.map((c) => c.id) ?? [];
  const header = ['name', 'total', 'possible', ...criteria, 'lost', 'seconds', ...(feedback ? ['feedback'] : [])];
  const lines = rows.map(({ name, report }, i) => [
    name,
    report.total.earned,
    report.total.possible,
    ...criteria.map((id) => report.criteria.find((c) => c.id === id)?.earned ?? 0),
    lostChecks(report)
      .map(({ check }) => `${check.id} (-${check.points})`)
      .join('; '),
    (report.duration_ms / 1000).toFixed(1),
    ...(feedback ? [feedback[i] ?? ''] : []),
  ]);
  return `${[header, ...lines].map((l) => l.map(csvField).join(',')).join('\n')}\n`;
}

/** The class at a glance: one line per student. */
export function formatRosterTable(rows: RosterRow[]): string {
  const width = Math.max(8, ...rows.map((r) => r.name.length)) + 2;
  const criteria = rows[0]?.report.criteria ?? [];
  const head = `${'Student'.padEnd(width)}${'Total'.padStart(7)}  ${criteria.map((c) => c.id.padStart(Math.max(c.id.length, 5))).join('  ')}`;
  const lines = [head, '-'.repeat(head.length)];
  for (const { name, report } of rows) {
    const cells = criteria.map((c) => {
      const got = report.criteria.find((x) => x.id === c.id);
      return `${got?.earned ?? 0}/${c.points}`.padStart(Math.max(c.id.length, 5));
    });
    lines.push(`${name.padEnd(width)}${`${report.total.earned}/${report.total.possible}`.padStart(7)}  ${cells.join('  ')}`);
  }
  return `${lines.join('\n')}\n`;
}
