import type { GradeReport } from '../grade-report';

/**
 * Gradescope's autograder results.json: one test per check (name, score, max_score, output with
 * the reason and the hint), and the total score.
 * https://gradescope-autograders.readthedocs.io/en/latest/specs/
 */
export function formatGradescope(report: GradeReport): string {
  const tests = report.criteria.flatMap((c) =>
    c.checks.map((k) => ({
      name: `${c.title} › ${k.title}`,
      number: k.id,
      score: k.earned,
      max_score: k.points,
      output: k.passed ? (k.note ?? 'passed') : `${k.reason ?? 'failed'}${k.hint ? `\nHint: ${k.hint}` : ''}`,
      ...(k.step !== undefined && { tags: [`step-${k.step}`] }),
    })),
  );
  // Gradescope's top-level output: what is true of the whole run (no sandbox, a crashed server's output).
  const output = [report.sandbox?.warning, ...report.notes].filter(Boolean).join('\n\n');
  return `${JSON.stringify({ score: report.total.earned, ...(output && { output }), tests }, null, 2)}\n`;
}
