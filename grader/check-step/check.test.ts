import net from 'node:net';
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
});
