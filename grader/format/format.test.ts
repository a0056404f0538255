import type { GradeReport } from '../grade-report';
import { formatTable } from './format-table';
import { formatGradescope } from './format-gradescope';
import { formatJunit } from './format-junit';
import { formatStep } from './format-step';

const report: GradeReport = {
  profile: 'lab',
  mode: 'external',
  step: 2,
  targets: { joke: 'http://127.0.0.1:1' },
  criteria: [
    {
      id: 'api-integrations',
      title: 'External API integrations with error handling',
      points: 4,
      earned: 2,
      checks: [
        {
          id: 'joke-each-event',
          title: 'joke: each JokeRequest makes its own API call',
          points: 2,
          earned: 2,
          passed: true,
          step: 2,
          ms: 5,
        },
        {
          id: 'joke-upstream-hang',
          title: 'joke: the API never answering gives a 5xx',
          points: 2,
          earned: 0,
          passed: false,
          step: 2,
          ms: 15000,
          reason: 'joke: POST /events: no answer within 15 s <&>',
          hint: 'give the upstream call a timeout',
        },
      ],
    },
  ],
  total: { earned: 2, possible: 4 },
  rubric_points: 75,
  notes: [],
  duration_ms: 15005,
};

describe('report formats', () => {
  it('table: each lost point with its reason and hint, and what the step is worth', () => {
    const table = formatTable(report);
    expect(table).toMatch(/External API integrations with error handling +2\/4/);
    expect(table).toContain('-2  joke-upstream-hang: joke: POST /events: no answer within 15 s');
    expect(table).toContain('hint: give the upstream call a timeout');
    expect(table).toMatch(/^Total: 2\/4$/m);
    expect(table).toContain("step 2 is worth 4 of the rubric's 75 points");
  });

  it("Gradescope's results.json: a test per check with name, score, max_score and output", () => {
    const json = JSON.parse(formatGradescope(report)) as { score: number; tests: Array<Record<string, unknown>> };
    expect(json.score).toBe(2);
    expect(json.tests).toEqual([
      expect.objectContaining({ name: expect.stringContaining('each JokeRequest'), score: 2, max_score: 2, output: 'passed' }),
      expect.objectContaining({
        score: 0,
        max_score: 2,
        output: 'joke: POST /events: no answer within 15 s <&>\nHint: give the upstream call a timeout',
      }),
    ]);
  });

  it('JUnit XML: a testcase per check, the lost ones with an escaped failure', () => {
    const xml = formatJunit(report);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites [^>]*tests="2" failures="1"/);
    expect(xml).toContain(
      '<testcase classname="api-integrations" name="joke-each-event (2 pts): joke: each JokeRequest makes its own API call" time="0.005"/>',
    );
    expect(xml).toContain('<failure message="joke: POST /events: no answer within 15 s &lt;&amp;&gt;" type="lost 2 points">');
    expect((xml.match(/<testcase /g) ?? []).length).toBe(2);
  });

  it('npm run check: the step score, then why and what to do for each lost point', () => {
    const text = formatStep(report, 'exercises/step2/server.ts');
    expect(text).toContain('Step 2 — exercises/step2/server.ts: 2/4 points');
    expect(text).toContain('why:  joke: POST /events: no answer within 15 s');
    expect(text).toContain('what to do: give the upstream call a timeout');
  });
});
