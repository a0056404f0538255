import type { GradeReport } from '../grade-report';

const escapeXml = (text: string): string =>
  text
    .replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!)
    // XML 1.0 cannot carry most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML for CI and LMSs: one testsuite per criterion, one testcase per check. */
export function formatJunit(report: GradeReport): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.criteria.reduce((n, c) => n + c.checks.filter((k) => !k.passed).length, 0);
  const tests = report.criteria.reduce((n, c) => n + c.checks.length, 0);
  lines.push(
    `<testsuites name="lab grade (${report.profile})" tests="${tests}" failures="${failures}" time="${(report.duration_ms / 1000).toFixed(3)}">`,
  );
  for (const c of report.criteria) {
    const failed = c.checks.filter((k) => !k.passed).length;
    lines.push(`  <testsuite name="${escapeXml(c.title)}" tests="${c.checks.length}" failures="${failed}">`);
    lines.push(`    <properties><property name="points" value="${c.earned}/${c.points}"/></properties>`);
    for (const k of c.checks) {
      const open = `    <testcase classname="${escapeXml(c.id)}" name="${escapeXml(`${k.id} (${k.points} pts): ${k.title}`)}" time="${(k.ms / 1000).toFixed(3)}"`;
      if (k.passed) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(
        `      <failure message="${escapeXml(k.reason ?? 'failed')}" type="lost ${k.points} points">${escapeXml(`${k.reason ?? ''}${k.hint ? `\nHint: ${k.hint}` : ''}`)}</failure>`,
      );
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
