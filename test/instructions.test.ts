import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startInProcessLab, type InProcessLab } from '../lab/start-in-process-lab';
import { ROUTER_COMMANDS } from '../lab/demo';
import { ROOT } from './support/spawn-process';
import { describeWithRedis, useRedisServer } from './support/redis';

/**
 * INSTRUCTIONS.md cannot rot: every curl command in it runs here, against a lab started the way
 * the step says (steps 1–4 open, steps 5–6 with the .env the instructions give, step 8 with two
 * network copies and a real redis-server), and must answer 2xx — or the status its
 * `# answers NNN` comment promises. A URL with a curl range (`[1-30]`) answers once per request.
 */

const text = fs.readFileSync(path.join(ROOT, 'INSTRUCTIONS.md'), 'utf8');

/** The sections "## Step N — …", each with its text. */
function steps(): Map<number, string> {
  const found = new Map<number, string>();
  const parts = text.split(/^## /m);
  for (const part of parts) {
    const match = /^Step (\d+)/.exec(part);
    if (match) found.set(Number(match[1]), part);
  }
  return found;
}

/** The shell lines of the ```bash blocks that run against the lab (curl, and variables for it). */
function commandsOf(section: string): string[] {
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks.flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n')).map((l) => l.trim()).filter((l) => /^(curl |[A-Z]+=)/.test(l));
}

function dotenv(section: string): Record<string, string> {
  const block = /```dotenv\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return Object.fromEntries(block.split('\n').filter((l) => l.includes('=')).map((l) => l.split('=', 2) as [string, string]));
}

/** Points the documented addresses at this test's lab. */
function retarget(command: string, lab: InProcessLab): string {
  const port = (url: string): string => url.replace(/^http:\/\/127\.0\.0\.1:/, '');
  return command
    .replace(/http:\/\/localhost:8000/g, lab.urls.basic)
    .replace(/http:\/\/localhost:8001/g, lab.urls.joke)
    .replace(/http:\/\/localhost:8002/g, lab.urls.card)
    .replace(/http:\/\/localhost:8003/g, lab.urls.network)
    .replace(/http:\/\/127\.0\.0\.1:2280/g, lab.router.controlUrl)
    .replace(/-p 2222/g, `-p ${port(String(lab.routerSshPort))}`);
}

/** Runs a step's commands in one bash (so variables carry over); returns each curl's status. */
async function runInBash(commands: string[], lab: InProcessLab): Promise<number[]> {
  const script = [
    'set -e',
    // Every curl prints only its status, one per line, and fails on a transport error.
    'curl() { command curl -sS -o /dev/null -w "%{http_code}\\n" --max-time 20 "$@"; }',
    ...commands.map((c) => retarget(c, lab)),
  ].join('\n');
  // Asynchronous: the servers answering these requests run in this very process.
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  return stdout.trim().split('\n').map(Number);
}

function expectedStatuses(commands: string[]): Array<number | undefined> {
  return commands.filter((c) => c.startsWith('curl ')).flatMap((c) => {
    const promised = /# answers (\d{3})/.exec(c)?.[1];
    const range = /"http[^"]*\[(\d+)-(\d+)\][^"]*"/.exec(c);
    const requests = range ? Number(range[2]) - Number(range[1]) + 1 : 1;
    return Array<number | undefined>(requests).fill(promised === undefined ? undefined : Number(promised));
  });
}

/** Runs a step's commands and checks every status against what the instructions promise. */
async function expectStepAnswers(section: string, lab: InProcessLab): Promise<void> {
  const commands = commandsOf(section);
  expect(commands.filter((c) => c.startsWith('curl ')).length).toBeGreaterThan(0);
  const statuses = await runInBash(commands, lab);
  const expected = expectedStatuses(commands);
  expect(statuses).toHaveLength(expected.length);
  statuses.forEach((status, i) => {
    const want = expected[i];
    if (want === undefined) expect([i, status >= 200 && status < 300]).toEqual([i, true]);
    else expect([i, status]).toEqual([i, want]);
  });
}

describe('INSTRUCTIONS.md', () => {
  jest.setTimeout(60_000);
  const sections = steps();

  it('has steps 1 to 8', () => {
    expect([...sections.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  describe.each([
    ['steps 1–4, on the lab as `npm start` runs it with no .env', [1, 2, 3, 4], () => ({})],
    ['steps 5–6, with the .env of step 5', [5, 6], () => dotenv(sections.get(5) ?? '')],
  ])('%s', (_label, numbers, env) => {
    let lab: InProcessLab;
    beforeAll(async () => {
      lab = await startInProcessLab({ env: env() });
    });
    afterAll(() => lab.close());

    it.each(numbers)('every command of step %i answers as the instructions say', async (n) => {
      await expectStepAnswers(sections.get(n) ?? '', lab);
    });
  });

  describeWithRedis('step 8, on the lab as `npm start -- --scale 2` runs it (two network copies, one Redis, a balancer)', () => {
    const redis = useRedisServer();
    // Nested, so that the lab stops (its afterAll) before its Redis does.
    describe('with the lab running', () => {
      let lab: InProcessLab;
      beforeAll(async () => {
        lab = await startInProcessLab({ scale: 2, redisUrl: redis.current().url });
      });
      afterAll(() => lab.close());

      it('every command of step 8 answers as the instructions say', async () => {
        await expectStepAnswers(sections.get(8) ?? '', lab);
      });
    });
  });

  it("types on the router exactly what the demo types (step 6's session)", () => {
    const session = /```\n(Router1#configure terminal[\s\S]*?)```/.exec(sections.get(6) ?? '')?.[1] ?? '';
    const typed = session.trim().split('\n').map((l) => l.replace(/^Router1(\([a-z-]+\))?#/, ''));
    expect(typed).toEqual(ROUTER_COMMANDS);
  });

  it('the .env of step 5 holds only documented variables', () => {
    const documented = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    for (const key of Object.keys(dotenv(sections.get(5) ?? ''))) expect(documented).toContain(`${key}=`);
  });
});
