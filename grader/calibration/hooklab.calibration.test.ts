import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import { lostChecks, type GradeReport } from '../grade-report';
import { formatTable } from '../format/format-table';
import { HOOKLAB_CURL_SUITE, startHooklabServers, type HooklabServers } from '../lab/start-hooklab-servers';

/**
 * This repo's servers, graded by the lab's requirements like anyone's: started with nothing but
 * the world's environment, and this repo's curl-tests/ as their suite. (The hooklab profile's
 * 75/75 is in grader/hooklab/hooklab-profile.test.ts.)
 */
describe("calibration: this repo's servers in the lab profile", () => {
  let world: RunningWorld;
  let servers: HooklabServers;
  let report: GradeReport;
  beforeAll(async () => {
    world = await startWorld();
    servers = await startHooklabServers(world.env);
    report = await runLabGrade(servers.targets, new WorldClient(world.url), { mode: 'local', curl: { path: HOOKLAB_CURL_SUITE } });
  }, 120_000);
  afterAll(async () => {
    await servers?.close();
    await world?.close();
  });

  it('score 75/75, curl-tests/ included', () => {
    expect(lostChecks(report).map(({ check }) => `${check.id}: ${check.reason}`)).toEqual([]);
    expect(report.total).toEqual({ earned: 75, possible: 75 });
  });

  it("print one row per criterion of the lab's breakdown, and the total", () => {
    const table = formatTable(report);
    expect(table).toMatch(/Webhook servers \(basic, joke, card, network\) +25\/25/);
    expect(table).toMatch(/External API integrations with error handling +20\/20/);
    expect(table).toMatch(/Network device automation via webhooks +15\/15/);
    expect(table).toMatch(/cURL testing suite +10\/10/);
    expect(table).toMatch(/Security: validation and configuration +5\/5/);
    expect(table).toMatch(/^Total: 75\/75$/m);
  });
});
