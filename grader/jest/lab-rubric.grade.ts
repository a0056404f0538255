import { LAB_STEPS, type LabStep } from '../lab/lab-rubric';
import type { OpenedLabGrade } from '../lab/grade-lab';
import { labTargetsFromEnv } from '../lab/lab-targets';
import { checkLimitMs, planOf, startLabGrade, type LabGradeSession } from '../lab/run-lab-grade';
import { supertestTransport } from './supertest-transport';
import { jestGroups, jestTestName } from './jest-names';

/**
 * The lab's rubric as a jest project (`npm run grade:jest`, `npx jest --selectProjects grade`):
 * one jest test per check, named with its points, each running the rubric's own check function
 * (no second copy) in the same grading run as `npm run grade` — the same targets and world
 * (GRADE_*_URL, GRADE_WORLD_URL from `npm run grade -- --serve`, GRADE_CURL_SUITE), the same
 * order — with supertest carrying every request to the graded servers. GRADE_STEP=N grades one step.
 */

const env = process.env;
const step = env.GRADE_STEP ? (Number(env.GRADE_STEP) as LabStep) : undefined;
if (step !== undefined && !LAB_STEPS.includes(step)) throw new Error(`GRADE_STEP must be one of ${LAB_STEPS.join(', ')}`);
// `npm test` runs every project: without targets (or npm run grade:jest) this one says why it did nothing.
const skipped =
  labTargetsFromEnv(env) || env.GRADE_JEST === '1'
    ? ''
    : "no GRADE_*_URL is set: `npm run grade:jest` grades this repo's servers, `GRADE_BASIC_URL=… npx jest --selectProjects grade` yours";

if (skipped) {
  describe.skip(`grade (skipped: ${skipped})`, () => {
    it('grades the lab', () => undefined);
  });
} else {
  let opened: OpenedLabGrade | undefined;
  let session: LabGradeSession | undefined;
  beforeAll(async () => {
    // Imported here: it pulls in the world and this repo's servers, which a skipped run never needs.
    const { openLabGrade } = await import('../lab/grade-lab');
    opened = await openLabGrade(env, { ...(step !== undefined && { step }), transport: supertestTransport });
    session = await startLabGrade(opened.targets, opened.world, opened.options);
  }, 120_000);
  afterAll(async () => {
    try {
      const report = await session?.finish();
      if (report) process.stderr.write(`grade: ${report.total.earned}/${report.total.possible} points\n`);
    } finally {
      await opened?.close();
    }
  }, 60_000);

  for (const group of jestGroups(planOf({ ...(step !== undefined && { step }) }))) {
    describe(group.name, () => {
      for (const check of group.checks) {
        test(
          jestTestName(check),
          async () => {
            if (!session) throw new Error('grading did not start (see the error of beforeAll)');
            const result = await session.run(check.id);
            if (!result.passed) throw new Error(`${result.reason}\n\nwhat to do: ${result.hint}`);
          },
          checkLimitMs(check.id, undefined) + 10_000, // the check's own limit, then jest's
        );
      }
    });
  }
}
