import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { startLocalTargets, type LocalTargets } from './start-local-targets';
import { runGrade, type GradeReport } from './run-grade';
import { targetsFromEnv } from './grade-targets';
import { formatTable } from '../format/format-table';
import { freePort } from '../../lab/free-port';
import { spawnTs } from '../../test/support/spawn-process';
import { testConfig } from '../../test/support/test-config';
import { captureLogger } from '../../test/support/capture-logger';
import { startServer } from '../../servers/lib/server/start-server';
import { buildApp as buildJokeApp } from '../../servers/joke/app';

/** A deliberately broken "server" on port 0: `answer` handles every request. */
async function brokenServer(answer: express.RequestHandler): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(answer);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const failedChecks = (report: GradeReport) => report.criteria.flatMap((c) => c.checks.filter((k) => !k.passed));

describe("npm run grade -- --profile hooklab (this repo's own answer shapes)", () => {
  describe("against this repo's own servers", () => {
    let local: LocalTargets;
    let report: GradeReport;
    beforeAll(async () => {
      local = await startLocalTargets();
      report = await runGrade(local.targets);
    }, 90_000);
    afterAll(() => local?.close());

    it('gives 75/75', () => {
      expect(failedChecks(report)).toEqual([]);
      expect(report.total).toEqual({ earned: 75, possible: 75 });
    });

    it('prints one row per criterion and the total', () => {
      const table = formatTable(report);
      expect(table).toMatch(/Webhook servers .* 25\/25/);
      expect(table).toMatch(/External API integrations .* 20\/20/);
      expect(table).toMatch(/Network device automation .* 15\/15/);
      expect(table).toMatch(/cURL testing suite .* 10\/10/);
      expect(table).toMatch(/Security.* 5\/5/);
      expect(table).toMatch(/^Total: 75\/75$/m);
    });
  });

  describe('against servers that answer 200 "ok" text to everything', () => {
    let broken: Awaited<ReturnType<typeof brokenServer>>;
    beforeAll(async () => {
      broken = await brokenServer((_req, res) => void res.type('text/plain').send('ok'));
    });
    afterAll(() => broken.close());

    it('prints a --json report with 0 points, a reason for every lost point, and exits 0', async () => {
      const env = {
        GRADE_BASIC_URL: broken.url,
        GRADE_JOKE_URL: broken.url,
        GRADE_CARD_URL: broken.url,
        GRADE_NETWORK_URL: broken.url,
        GRADE_WEBHOOK_TOKEN: 'some-token-123',
      };
      const cli = spawnTs('grader/main.ts', env, ['--profile', 'hooklab', '--json']);
      expect(await cli.exited).toBe(0);
      const report = JSON.parse(cli.output()) as GradeReport;
      expect(report.mode).toBe('external');
      expect(report.total).toEqual({ earned: 0, possible: 75 });
      for (const check of failedChecks(report)) expect(check.reason).toEqual(expect.any(String));
      const basicHealth = report.criteria[0]!.checks.find((k) => k.id === 'basic-health');
      expect(basicHealth?.reason).toMatch(/expected a JSON object, got HTTP 200 text\/plain "ok"/);
    }, 60_000);
  });

  describe('against a server that answers 500 with an HTML page, one that hangs, and one that is not there', () => {
    let html: Awaited<ReturnType<typeof brokenServer>>;
    let hung: Awaited<ReturnType<typeof brokenServer>>;
    let report: GradeReport;
    beforeAll(async () => {
      html = await brokenServer((_req, res) => void res.status(500).type('html').send('<!doctype html><h1>Internal Server Error</h1>'));
      hung = await brokenServer(() => undefined);
      const closedPort = await freePort();
      const targets = targetsFromEnv({
        GRADE_BASIC_URL: html.url,
        GRADE_JOKE_URL: hung.url,
        GRADE_CARD_URL: `http://127.0.0.1:${closedPort}`,
      })!;
      report = await runGrade(targets, { requestTimeoutMs: 300 });
    }, 60_000);
    afterAll(async () => {
      await html.close();
      await hung.close();
    });

    it('loses the points with the reason, and does not crash', () => {
      const reasons = failedChecks(report).map((k) => `${k.id}: ${k.reason}`);
      expect(reasons).toContainEqual(expect.stringMatching(/^basic-health: .*expected HTTP 200, got HTTP 500 text\/html/));
      expect(reasons).toContainEqual(
        expect.stringMatching(/^joke-health: GRADE_JOKE_URL http:\/\/127\.0\.0\.1:\d+: GET \/health: no answer within 0\.3 s/),
      );
      expect(reasons).toContainEqual(expect.stringMatching(/^card-health: GRADE_CARD_URL .*: connection refused/));
      expect(reasons).toContainEqual('network-health: GRADE_NETWORK_URL is not set');
      expect(reasons).toContainEqual(expect.stringMatching(/^curl-joke: .*skipped, 2 earlier requests got no answer/));
      expect(report.total.earned).toBe(0);
    });
  });

  describe("against this repo's joke server given as an external URL", () => {
    it('grades its error handling on what can be observed, and says so', async () => {
      const config = testConfig({ JOKE_API_URL: `http://127.0.0.1:${await freePort()}` });
      const logger = captureLogger('joke');
      const joke = await startServer(buildJokeApp({ config, logger }), { config, logger, port: 0 });
      try {
        const report = await runGrade(targetsFromEnv({ GRADE_JOKE_URL: joke.url })!);
        const api = report.criteria.find((c) => c.id === 'api-integrations')!;
        const jokeChecks = api.checks.filter((k) => k.id.startsWith('joke-'));
        expect(jokeChecks.map((k) => [k.id, k.passed])).toEqual(jokeChecks.map((k) => [k.id, true]));
        expect(api.checks.find((k) => k.id === 'joke-upstream-down')?.note).toMatch(
          /^external target: upstream failures cannot be injected, graded instead on "term":"" refused 422/,
        );
        expect(formatTable(report)).toContain('(joke-upstream-stall: external target');
      } finally {
        await joke.close(100);
      }
    }, 60_000);
  });
});
