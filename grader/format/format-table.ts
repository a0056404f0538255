import type { GradeReport } from '../grade-report';

const WIDTH = 48;

/** A long reason broken into lines that fit next to the points column. */
function wrap(text: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The report as a table: one row per criterion (points earned/possible), under it each check
 * that lost points, why, and what to do; the total last.
 */
export function formatTable(report: GradeReport): string {
  const lines: string[] = [];
  const where = report.mode === 'local' ? "this repo's servers (started by the grader)" : 'external servers';
  lines.push(`Grading ${where}, profile ${report.profile}${report.step !== undefined ? `, step ${report.step} only` : ''}`);
  for (const [role, url] of Object.entries(report.targets)) lines.push(`  ${role.padEnd(14)}${url}`);
  for (const note of report.notes) lines.push(`  note: ${note}`);
  lines.push('');
  lines.push(`${'Criterion'.padEnd(WIDTH)}${'Points'.padStart(7)}  What failed and why`);
  lines.push(`${'-'.repeat(WIDTH)}${'-'.repeat(7)}  ${'-'.repeat(40)}`);
  const pad = ''.padEnd(WIDTH + 9);
  for (const c of report.criteria) {
    const failed = c.checks.filter((k) => !k.passed);
    lines.push(
      `${c.title.padEnd(WIDTH)}${`${c.earned}/${c.points}`.padStart(7)}  ${failed.length === 0 ? '-' : `${failed.length} check${failed.length > 1 ? 's' : ''} failed`}`,
    );
    for (const k of failed) {
      const [first = '', ...rest] = wrap(`${k.id}: ${k.reason ?? ''}`);
      lines.push(`${''.padEnd(WIDTH)}${`-${k.points}`.padStart(7)}  ${first}`);
      for (const l of rest) lines.push(`${pad}${l}`);
      if (k.hint) for (const [i, l] of wrap(`hint: ${k.hint}`).entries()) lines.push(`${pad}${i === 0 ? '' : '      '}${l}`);
    }
    for (const k of c.checks.filter((x) => x.passed && x.note?.startsWith('external'))) lines.push(`${pad}(${k.id}: ${k.note})`);
  }
  lines.push('');
  lines.push(`Total: ${report.total.earned}/${report.total.possible}`);
  if (report.total.possible < report.rubric_points) {
    lines.push(
      `(step ${report.step ?? '?'} is worth ${report.total.possible} of the rubric's ${report.rubric_points} points; the rest belong to other steps)`,
    );
  }
  return `${lines.join('\n')}\n`;
}
