import fs from 'node:fs';
import path from 'node:path';
import { checksOfRun, LAB_CHECKS, LAB_POINTS, LAB_RUBRIC, stepPoints } from './lab-rubric';
import { EXECUTION_ORDER } from './run-lab-grade';

/** The lab text, where this checkout has it (the shared seed beside the repo); quotes are checked against it. */
const LAB_TEXT = [
  process.env.LAB_TEXT,
  path.resolve(__dirname, '../../../shared/seed/lab6-reverse-apis-and-event-driven-automation.md'),
  '/work/shared/seed/lab6-reverse-apis-and-event-driven-automation.md',
].find((p): p is string => Boolean(p) && fs.existsSync(p!));
/** Markdown emphasis and code marks removed, spaces collapsed: quotes are of the words. */
const plain = (text: string): string => text.replace(/\*\*|`/g, '').replace(/\s+/g, ' ');

describe('the lab profile rubric', () => {
  it("follows the lab's breakdown: 25 + 20 + 15 + 10 + 5 = 75", () => {
    expect(LAB_RUBRIC.map((c) => c.points)).toEqual([25, 20, 15, 10, 5]);
    expect(LAB_POINTS).toBe(75);
  });

  it.each(LAB_RUBRIC.map((c) => [c.id, c] as const))('%s: its checks (but the step-only ones) add up to its points', (_id, criterion) => {
    expect(criterion.checks.filter((c) => !c.stepOnly).reduce((sum, c) => sum + c.points, 0)).toBe(criterion.points);
  });

  it('grades the whole lab without the step-only checks (75), and each step with its own', () => {
    expect(checksOfRun({}).reduce((sum, c) => sum + c.points, 0)).toBe(75);
    expect(LAB_CHECKS.filter((c) => c.stepOnly).map((c) => c.id)).toEqual(['card-same-deck']);
    expect(checksOfRun({ step: 3 }).map((c) => c.id)).toContain('card-same-deck');
    expect(checksOfRun({}).map((c) => c.id)).not.toContain('card-same-deck');
    expect(checksOfRun({ only: ['card-same-deck', 'card-answers'] }).map((c) => c.id)).toEqual(['card-answers', 'card-same-deck']);
  });

  it('names no Python library in a hint without the TypeScript way beside it', () => {
    const python = /pydantic|netmiko|requests\.|raise_for_status|hmac\.compare_digest/i;
    const typescript = /kit|axios|node-ssh|crypto\.|Joi|express|typeof|any language|every language|in any|bash/i;
    expect(LAB_CHECKS.filter((c) => python.test(c.hint) && !typescript.test(c.hint)).map((c) => c.id)).toEqual([]);
    expect(LAB_CHECKS.filter((c) => /pydantic|netmiko|requests library/i.test(c.hint)).map((c) => c.id)).toEqual([]);
  });

  it('gives each step its own checks: 9, 15 (17 with the step-only deck), 17, 5 and 4 points, the curl suite the other 10', () => {
    expect([1, 2, 3, 4, 5, 6].map((s) => stepPoints(s as 1))).toEqual([9, 15, 17, 17, 5, 4]);
    expect(LAB_CHECKS.filter((c) => c.step === undefined).map((c) => c.id)).toEqual([
      'curl-passes',
      'curl-covers-events',
      'curl-catches-500',
      'curl-catches-malformed',
      'curl-catches-no-token',
    ]);
  });

  it('runs every check exactly once, and each has a title, a quote and a hint', () => {
    expect([...EXECUTION_ORDER].sort()).toEqual(LAB_CHECKS.map((c) => c.id).sort());
    for (const c of LAB_CHECKS)
      expect([c.id, c.title.length > 10, c.quote.length > 5, c.hint.length > 10]).toEqual([c.id, true, true, true]);
  });

  (LAB_TEXT ? it : it.skip)(
    `quotes the lab text word for word (${LAB_TEXT ?? 'skipped: the lab text is not beside this checkout; set LAB_TEXT to its path'})`,
    () => {
      const text = plain(fs.readFileSync(LAB_TEXT!, 'utf8'));
      const quotes = [...LAB_RUBRIC.map((c) => c.quote), ...LAB_CHECKS.map((c) => c.quote)];
      expect(quotes.filter((q) => !text.includes(plain(q)))).toEqual([]);
    },
  );
});
