import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnTs } from '../../test/support/spawn-process';

const FIXTURES = { CHECK_EXERCISES_DIR: 'grader/test-fixtures/exercises' };

const refused = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm run check -- N', () => {
  it("grades the student's step server in the grader's world, prints each lost point with why and what to do, and stops it", async () => {
    const cli = spawnTs('grader/check-step/check-main.ts', FIXTURES, ['1']);
    expect(await cli.exited).toBe(0);
    const out = cli.output();
    expect(out).toContain('Step 1 — grader/test-fixtures/exercises/step1/server.ts: 7/9 points');
    expect(out).toMatch(
      /-2 {2}basic: an event without "event" is refused 4xx with a JSON error naming the field\n +why: {2}.*does not name the missing field "event"/,
    );
    expect(out).toMatch(/what to do: validate the body/);
    expect(out).toContain("(step 1 is worth 9 of the lab's 75 points)");
    const port = Number(/on port (\d+)/.exec(out)?.[1]);
    expect(await refused(port)).toBe(true);
  }, 60_000);

  it('says clearly when the step has no server yet', async () => {
    const cli = spawnTs('grader/check-step/check-main.ts', FIXTURES, ['2']);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain(
      'check: grader/test-fixtures/exercises/step2/server.ts does not exist yet. Write the step 2 server there',
    );
  });

  it("prints Gradescope's results.json for several steps, a step without a server scoring 0 with the reason", async () => {
    const cli = spawnTs('grader/check-step/check-main.ts', FIXTURES, ['1', '2', '--format', 'gradescope']);
    expect(await cli.exited).toBe(0);
    const json = cli.output().slice(cli.output().indexOf('{\n  "score"'));
    const results = JSON.parse(json) as {
      score: number;
      tests: Array<{ number: string; score: number; max_score: number; output: string }>;
    };
    expect(results.score).toBe(7);
    expect(results.tests.reduce((s, t) => s + t.max_score, 0)).toBe(9 + 15);
    const jokeAnswers = results.tests.find((t) => t.number === 'joke-answers');
    expect(jokeAnswers?.score).toBe(0);
    expect(jokeAnswers?.output).toMatch(
      /^grader\/test-fixtures\/exercises\/step2\/server\.ts does not exist yet[^\n]*\nHint: on JokeRequest/,
    );
  }, 60_000);

  it('shows its usage for a step that does not exist', async () => {
    const cli = spawnTs('grader/check-step/check-main.ts', FIXTURES, ['7']);
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(/^usage: npm run check -- N \[--solution\]/);
  });

  describe('with a results file (--output)', () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-check-output-'));
      fs.mkdirSync(path.join(dir, 'step1'));
      fs.writeFileSync(path.join(dir, 'step1', 'server.ts'), "throw new Error('boom-at-start: the server cannot start');\n");
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("shows a server's crash at start once per step (a note), not in every check, in valid JSON whatever npm prints", async () => {
      const out = path.join(dir, 'results.json');
      const cli = spawnTs('grader/check-step/check-main.ts', { CHECK_EXERCISES_DIR: dir }, [
        '1',
        '2',
        '--format',
        'gradescope',
        '--output',
        out,
      ]);
      expect(await cli.exited).toBe(0);
      const text = fs.readFileSync(out, 'utf8');
      const results = JSON.parse(text) as { score: number; output: string; tests: Array<{ number: string; output: string }> };
      expect(results.score).toBe(0);
      expect(text.split('Error: boom-at-start').length - 1).toBe(1);
      expect(results.output).toMatch(/step 1: what the server printed before it stopped:\n[\s\S]*boom-at-start/);
      expect(results.tests.find((t) => t.number === 'basic-acknowledges')?.output).toMatch(
        /could not be started: the server stopped before it answered \(exit 1\)\nHint:/,
      );
    }, 60_000);

    it('says in the first line and in results.json when student code cannot be sandboxed', async () => {
      const out = path.join(dir, 'unsandboxed.json');
      const cli = spawnTs('grader/check-step/check-main.ts', { ...FIXTURES, GRADE_BWRAP: '/nonexistent/bwrap' }, ['1']);
      expect(await cli.exited).toBe(0);
      expect(
        cli
          .output()
          .split('\n')
          .find((l) => !l.startsWith('check:') && !/^(ok {2}|FAIL) /.test(l)),
      ).toMatch(/^WARNING: student code runs WITHOUT a sandbox: \/nonexistent\/bwrap is not installed/);
      const json = spawnTs('grader/check-step/check-main.ts', { ...FIXTURES, GRADE_BWRAP: '/nonexistent/bwrap' }, [
        '1',
        '--format',
        'json',
        '--output',
        out,
      ]);
      expect(await json.exited).toBe(0);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as {
        sandbox: { isolated: boolean; warning: string };
        total: { earned: number };
      };
      expect(report.sandbox).toMatchObject({ isolated: false, warning: expect.stringMatching(/WITHOUT a sandbox/) });
      expect(report.total.earned).toBe(7);
    }, 90_000);
  });
});
