import { readRoster } from './read-roster';
import { formatRosterCsv } from './format-roster';
import type { GradeReport } from '../grade-report';

describe('readRoster', () => {
  it('reads one student per line, by spaces or by commas, with comments, "-" and an optional suite', () => {
    const roster = readRoster(
      [
        '# name basic joke card network [suite]',
        'alice http://10.0.0.5:8000 http://10.0.0.5:8001 http://10.0.0.5:8002 http://10.0.0.5:8003 alice/test.sh',
        '',
        'Bob Smith, http://b:8000/, -, http://b:8002, http://b:8003',
      ].join('\n'),
    );
    expect(roster).toEqual([
      {
        name: 'alice',
        curlSuite: 'alice/test.sh',
        targets: {
          missing: {},
          servers: expect.objectContaining({
            basic: { label: "alice's basic server", url: 'http://10.0.0.5:8000' },
            security: { label: "alice's basic server", url: 'http://10.0.0.5:8000' },
          }),
        },
      },
      {
        name: 'Bob Smith',
        targets: {
          missing: { joke: 'Bob Smith has no joke server in the roster' },
          servers: expect.objectContaining({ basic: expect.objectContaining({ url: 'http://b:8000' }) }),
        },
      },
    ]);
  });

  it("reads a student's folder or repository on this machine instead of URLs, and refuses one elsewhere", () => {
    expect(readRoster('ada students/ada\nBen Li, file:///srv/git/ben.git\n')).toEqual([
      { name: 'ada', source: 'students/ada' },
      { name: 'Ben Li', source: 'file:///srv/git/ben.git' },
    ]);
    expect(() => readRoster('cy ssh://example.com/cy.git')).toThrow(/line 1: .*only folders and repositories on this machine/);
  });

  it('refuses a line it cannot read, saying which', () => {
    expect(() => readRoster('alice http://a:8000\n')).toThrow(/roster line 1/);
    expect(() => readRoster('ok http://a http://a http://a http://a\nbad ftp://x http://a http://a http://a')).toThrow(
      /line 2: basic URL "ftp:\/\/x"/,
    );
  });
});

describe('formatRosterCsv', () => {
  it('writes one row per student: total, each criterion, the lost checks', () => {
    const report = (earned: number): GradeReport => ({
      profile: 'lab',
      mode: 'external',
      targets: {},
      rubric_points: 75,
      notes: [],
      duration_ms: 1500,
      criteria: [
        {
          id: 'security',
          title: 'Security',
          points: 5,
          earned,
          checks: earned === 5 ? [] : [{ id: 'sec-token', title: 't', points: 2, earned: 0, passed: false, ms: 1 }],
        },
      ],
      total: { earned, possible: 5 },
    });
    expect(
      formatRosterCsv([
        { name: 'a, b', report: report(5) },
        { name: 'c', report: report(3) },
      ]),
    ).toBe('name,total,possible,security,lost,seconds\n"a, b",5,5,5,,1.5\nc,3,5,3,sec-token (-2),1.5\n');
  });
});
