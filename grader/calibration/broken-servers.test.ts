import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from '../world/start-world';
import { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import { lostChecks, type GradeReport } from '../grade-report';
import { labTargetsFromEnv } from '../lab/lab-targets';
import { spawnTs } from '../../test/support/spawn-process';

/** A deliberately broken "server" on port 0: `answer` handles every request (or none). */
async function brokenServer(answer: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const BROKEN: Array<[string, http.RequestListener]> = [
  ['answers an HTML page', (_req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><h1>Welcome</h1>')],
  [
    'answers 500 (JSON) to everything',
    (_req, res) => void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal error"}'),
  ],
  ['never answers', () => undefined],
];

describe('servers that do not work score 0, with a reason for every lost point, and never stall the grade', () => {
  let world: RunningWorld;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(() => world?.close());

  it.each(BROKEN)(
    'a server that %s',
    async (_label, answer) => {
      const broken = await brokenServer(answer);
      try {
        const targets = labTargetsFromEnv({
          GRADE_BASIC_URL: broken.url,
          GRADE_JOKE_URL: broken.url,
          GRADE_CARD_URL: broken.url,
          GRADE_NETWORK_URL: broken.url,
        })!;
        const started = Date.now();
        const report: GradeReport = await runLabGrade(targets, new WorldClient(world.url), {
          mode: 'external',
          requestTimeoutMs: 1000,
          deviceTimeoutMs: 1000,
          hangLimitMs: 1000,
        });
        expect(report.total).toEqual({ earned: 0, possible: 75 });
        for (const { check } of lostChecks(report))
          expect([check.id, check.reason!.length > 10, check.hint!.length > 10]).toEqual([check.id, true, true]);
        expect(Date.now() - started).toBeLessThan(40_000);
      } finally {
        await broken.close();
      }
    },
    60_000,
  );

  it('npm run grade prints Gradescope results.json, JUnit XML and JSON, and exits 0', async () => {
    const broken = await brokenServer(BROKEN[0]![1]);
    try {
      const env = { GRADE_WORLD_URL: world.url, GRADE_BASIC_URL: broken.url };
      const gradescope = spawnTs('grader/main.ts', env, ['--step', '1', '--format', 'gradescope']);
      expect(await gradescope.exited).toBe(0);
      const results = JSON.parse(gradescope.output()) as {
        score: number;
        tests: Array<{ name: string; score: number; max_score: number; output: string }>;
      };
      expect(results.score).toBe(0);
      expect(results.tests.map((t) => t.max_score)).toEqual([3, 1, 2, 2, 1]);
      expect(results.tests[0]!.output).toMatch(/expected a JSON answer, got HTTP 200 text\/html .*\nHint: /);

      const junit = spawnTs('grader/main.ts', env, ['--step', '1', '--format', 'junit']);
      expect(await junit.exited).toBe(0);
      expect(junit.output()).toMatch(/^<\?xml[\s\S]*<testsuites [^>]*tests="5" failures="5"[\s\S]*<\/testsuites>\n$/);

      const json = spawnTs('grader/main.ts', env, ['--step', '5', '--json']);
      expect(await json.exited).toBe(0);
      expect(JSON.parse(json.output())).toMatchObject({
        profile: 'lab',
        mode: 'external',
        step: 5,
        total: { earned: 0, possible: 5 },
        rubric_points: 75,
      });
    } finally {
      await broken.close();
    }
  }, 60_000);

  it('npm run grade refuses an unknown option with exit 2 and its usage', async () => {
    const cli = spawnTs('grader/main.ts', {}, ['--step', '9']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/--step must be one of 1, 2, 3, 4, 5, 6, not 9\nusage: npm run grade/);
  });
});
