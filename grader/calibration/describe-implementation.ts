import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import { lostChecks, type GradeReport } from '../grade-report';
import { FEATURES, pointsOf, scopeOf } from './feature-cases';
import { startImplementation, type Implementation, type RunningImplementation } from './start-implementation';
import { gradeByCli, gradeByJest, gradeEnv, pointsByCheck } from './grade-both-ways';

// The implementations' own upstream timeout is 3 s: give them 5 s before a hang counts (not 15).
const HANG_LIMIT_MS = 5000;

const lostIds = (report: GradeReport): string[] =>
  lostChecks(report)
    .map(({ check }) => check.id)
    .sort();
const reasons = (report: GradeReport): string[] => lostChecks(report).map(({ check }) => `${check.id}: ${check.reason}`);

/**
 * Test support: the calibration of one implementation written from the lab text alone. Complete,
 * it scores 75/75 by `npm run grade -- --json` and by the jest project (`npm run grade:jest`), the
 * same points check by check; with each feature switched off it loses exactly the points of that
 * feature's checks (and keeps every other check of the steps involved).
 */
export function describeImplementation(impl: Implementation): void {
  let world: RunningWorld;
  let client: WorldClient;
  let complete: RunningImplementation;
  beforeAll(async () => {
    world = await startWorld();
    client = new WorldClient(world.url);
    // In the world's LOG_DIR, as a student's servers started with `--serve`'s lines: the grader reads it there.
    complete = await startImplementation(impl, world.env, { LOG_DIR: world.logDir });
  }, 60_000);
  afterAll(async () => {
    await complete?.close();
    await world?.close();
  });

  it('scores all 75 when complete, within a minute, by npm run grade and by its jest project alike, check by check', async () => {
    // The jest run gets a world and servers of its own, so the two run at once.
    const other = await startWorld();
    const servers = await startImplementation(impl, other.env, { LOG_DIR: other.logDir });
    try {
      const [report, byJest] = await Promise.all([
        gradeByCli(gradeEnv(world, impl, complete)),
        gradeByJest(gradeEnv(other, impl, servers)),
      ]);
      expect(reasons(report)).toEqual([]);
      expect(report.total).toEqual({ earned: 75, possible: 75 });
      expect(report.duration_ms).toBeLessThan(60_000);
      expect(byJest).toEqual(pointsByCheck(report));
    } finally {
      await servers.close();
      await other.close();
    }
  }, 150_000);

  it.each(FEATURES.map((f) => [f.feature, f.loses] as const))(
    'without %s, loses exactly the points of %j',
    async (feature, loses) => {
      const { checks, roles } = scopeOf(loses);
      const suiteOnly = feature.startsWith('curl-');
      const servers = suiteOnly ? complete : await startImplementation(impl, world.env, { CALIBRATION_DISABLE: feature }, roles);
      try {
        const report = await runLabGrade(servers.targets, client, {
          mode: 'external',
          only: checks,
          hangLimitMs: HANG_LIMIT_MS,
          curl: { path: impl.curlSuite!, env: { CALIBRATION_DISABLE: feature } },
        });
        expect(lostIds(report)).toEqual([...loses].sort());
        expect(report.total.possible - report.total.earned).toBe(pointsOf(loses));
      } finally {
        if (!suiteOnly) await servers.close();
      }
    },
    90_000,
  );
}
