import { spawnSync } from 'node:child_process';
import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import { lostChecks, type GradeReport } from '../grade-report';
import { checksOfRun } from '../lab/lab-rubric';
import { PYTHON, SNIPPETS, startImplementation, type RunningImplementation } from './start-implementation';

const probe = spawnSync(PYTHON, ['-c', 'import fastapi, uvicorn, requests'], { encoding: 'utf8', timeout: 30_000 });
const missing = probe.status === 0 ? '' : (probe.stderr || probe.error?.message || 'python3 did not run').trim().split('\n').pop();

/**
 * The lab text's two FastAPI snippets, as the basic server (the listener) and as the joke and
 * card servers (the action sketch): the points for what they do, none for what they lack.
 */
(missing ? describe.skip : describe)(`calibration: the lab text's own two snippets${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let world: RunningWorld;
  let snippets: RunningImplementation;
  let report: GradeReport;
  beforeAll(async () => {
    world = await startWorld();
    snippets = await startImplementation(SNIPPETS, world.env);
    // They call the APIs without a timeout: a hang is theirs for as long as the grader waits.
    report = await runLabGrade(snippets.targets, new WorldClient(world.url), { mode: 'external', hangLimitMs: 3000 });
  }, 120_000);
  afterAll(async () => {
    await snippets?.close();
    await world?.close();
  });

  const EARNED = [
    'basic-acknowledges',
    'basic-any-event',
    'joke-answers',
    'joke-each-event',
    'joke-unknown-event',
    'card-answers',
    'card-each-event',
    'card-unknown-event',
  ];

  it('earn what they do: acknowledge events, call both APIs per event and return the joke and "6 of CLUBS", say "unrecognized event" (18 points)', () => {
    const earned = report.criteria.flatMap((c) => c.checks.filter((k) => k.passed).map((k) => k.id));
    expect(earned.sort()).toEqual([...EARNED].sort());
    expect(report.total.earned).toBe(18);
  });

  it('earn nothing for what they lack, each lost point with its reason', () => {
    const lost = lostChecks(report);
    expect(lost.map(({ check }) => check.id).sort()).toEqual(
      checksOfRun({})
        .map((c) => c.id)
        .filter((id) => !EARNED.includes(id))
        .sort(),
    );
    const reason = (id: string): string => lost.find(({ check }) => check.id === id)?.check.reason ?? '';
    expect(reason('basic-malformed-json')).toMatch(/expected a 4xx error .* got HTTP 500 text\/plain "Internal Server Error"/);
    expect(reason('sec-token')).toMatch(/no token and no signature was not refused: HTTP 200/);
    expect(reason('basic-event-type')).toMatch(/\{"event":42,.*expected a 4xx error .* got HTTP 200/);
    expect(reason('joke-upstream-hang')).toMatch(/no answer within 3 s/);
    expect(reason('network-answers')).toBe('the lab snippets has no network server');
    expect(reason('curl-passes')).toMatch(/^GRADE_CURL_SUITE is not set/);
  });
});
