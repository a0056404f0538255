import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { spawnTs, ROOT, type SpawnedProcess } from '../../test/support/spawn-process';
import { EXERCISE_STEPS, exerciseEntry } from '../exercise-steps';
import { answerOf, postEvent, type Answer } from './test-support';

/**
 * The starters as handed out. These tests go with the solutions (a student's starter soon
 * stops answering 501, which is the point).
 */

// The event each step's starter leaves to the student, and what a step's server gets sent.
const STEP_EVENT: Record<number, object> = {
  1: { event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' },
  2: { event: 'JokeRequest' },
  3: { event: 'CardDraw', count: 2 },
  4: { event: 'NetworkDeviceCheck' },
  5: { event: 'InterfaceDown' },
  6: { event: 'InterfaceDown', interface: 'GigabitEthernet2' },
};

const HOSTILE: Array<[string, string | Buffer, Record<string, string>]> = [
  ['malformed JSON', '{"event": "InterfaceDown",', {}],
  ['an empty body', '', {}],
  ['a JSON array', '[1,2,3]', {}],
  ['null', 'null', {}],
  ['a number as the event', '{"event": 42}', {}],
  ['a deeply nested body', `${'['.repeat(5000)}${']'.repeat(5000)}`, {}],
  ['a body over 100 kB', JSON.stringify({ event: 'Big', filler: 'x'.repeat(150_000) }), {}],
  ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), {}],
  ['form data', 'event=InterfaceDown', { 'Content-Type': 'application/x-www-form-urlencoded' }],
  ['a prototype key', '{"event": "X", "__proto__": {"polluted": true}}', {}],
  ['an interface name with a command in it', '{"event": "InterfaceDown", "interface": "Gi1\\nreload"}', {}],
];

describe('every starter', () => {
  it('compiles (strict TypeScript, as `npm run typecheck` sees it)', () => {
    const { config } = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => fs.readFileSync(f, 'utf8'));
    const { options } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
    const files = EXERCISE_STEPS.map((s) => path.join(ROOT, exerciseEntry(s.step, false)));
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(files, options));
    expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  });

  describe.each(EXERCISE_STEPS.map((s) => [s.step]))('step %i, started as `npm run exercise` starts it', (step) => {
    let proc: SpawnedProcess;
    let url: string;
    let logDir: string;
    beforeAll(async () => {
      logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-starter-'));
      proc = spawnTs(exerciseEntry(step, false), { PORT: '0', LOG_DIR: logDir }, []);
      url = (await proc.waitFor(/SERVER_START server=\w+ url=(\S+)/, 30_000))[1]!;
    });
    afterAll(async () => {
      proc.child.kill('SIGTERM');
      await proc.exited;
      fs.rmSync(logDir, { recursive: true, force: true });
    });

    it(`answers the step's event with 501 "step ${step}: not implemented yet"`, async () => {
      const answer = await postEvent(url, STEP_EVENT[step]);
      expect([answer.status, answer.body.error?.code, answer.body.error?.message]).toEqual([
        501,
        'NOT_IMPLEMENTED',
        `step ${step}: not implemented yet`,
      ]);
      expect(answer.body.error.details[0].message).toContain(`INSTRUCTIONS.md, "Step ${step}", "Build it"`);
    });

    it('answers hostile input with JSON and keeps running', async () => {
      const answers: Array<[string, Answer]> = [];
      for (const [what, body, headers] of HOSTILE) answers.push([what, await postEvent(url, body, headers)]);
      answers.push(['DELETE /events', await answerOf(await fetch(`${url}/events`, { method: 'DELETE' }))]);
      answers.push(['an unknown path', await answerOf(await fetch(`${url}/nowhere`))]);
      // A clear JSON answer each time: an error in the lab's shape, or (for an event the step does
      // not handle) a 2xx "ignored"; never a 500 and never a crash.
      for (const [what, answer] of answers) {
        const clear =
          answer.status < 300 ? answer.body.status === 'ignored' : answer.status !== 500 && typeof answer.body.error?.code === 'string';
        expect([what, answer.status, clear]).toEqual([what, answer.status, true]);
      }
      const health = await fetch(`${url}/health`);
      expect([health.status, proc.child.exitCode]).toEqual([200, null]);
    });
  });
});
