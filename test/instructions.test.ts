import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startInProcessLab, type InProcessLab } from '../lab/start-in-process-lab';
import { ROUTER_COMMANDS } from '../lab/demo';
import { RouterShell } from '../lab/router-shell';
import { waitForLog } from './support/sim-fixture';
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

/**
 * The shell lines of the ```bash blocks that run against the lab (curl, and variables for it).
 * ```bash build-it blocks are for the student's own server and do not match here:
 * exercises/solutions/build-it-docs.test.ts runs those against the solutions.
 */
function commandsOf(section: string): string[] {
  const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((b) => b.replace(/\\\n\s*/g, ' ').split('\n'))
    .map((l) => l.trim())
    .filter((l) => /^(curl |[A-Z]+=)/.test(l));
}

function dotenv(section: string): Record<string, string> {
  const block = /```dotenv\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return Object.fromEntries(
    block
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.split('=', 2) as [string, string]),
  );
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
    // Every curl prints only its status, one per line, and fails on a transport error. These
    // options come last, so they win over a -w or -i the instructions show the student.
    'curl() { command curl "$@" -sS -o /dev/null -w "%{http_code}\\n" --max-time 20; }',
    ...commands.map((c) => retarget(c, lab)),
  ].join('\n');
  // Asynchronous: the servers answering these requests run in this very process.
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  return stdout.trim().split('\n').map(Number);
}

/** What step 6 has the student type on the router, prompts removed. */
function routerSession(): string[] {
  const session = /```\n(Router1#terminal monitor[\s\S]*?)```/.exec(steps().get(6) ?? '')?.[1] ?? '';
  return session
    .trim()
    .split('\n')
    .map((l) => l.replace(/^Router1(\([a-z-]+\))?#/, ''));
}

/** The one command of step `n` that contains `marker`. */
function commandWith(n: number, marker: string): string {
  const found = commandsOf(steps().get(n) ?? '').filter((c) => c.includes(marker));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** A log file of the lab once `pattern` shows in it (the loggers write in batches). */
const logOf = (lab: InProcessLab, file: string, pattern: RegExp): Promise<string> =>
  waitForLog(path.join(lab.logDir, file), pattern, 10_000);

/** A documented log line up to its first `…`, as a pattern for the real one. */
function documentedLine(section: string, start: RegExp): RegExp {
  const line = section.split('\n').find((l) => start.test(l));
  expect(line).toBeDefined();
  const known = line!.replace(/^\[[a-z]+\]\s+/, '').split('…')[0]!;
  return new RegExp(`^${known.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm');
}

function expectedStatuses(commands: string[]): Array<number | undefined> {
  return commands
    .filter((c) => c.startsWith('curl '))
    .flatMap((c) => {
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
    expect(routerSession()).toEqual(ROUTER_COMMANDS);
  });

  it('the .env of step 5 holds only documented variables', () => {
    const documented = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8');
    for (const key of Object.keys(dotenv(sections.get(5) ?? ''))) expect(documented).toContain(`${key}=`);
  });
});

/** The claims the text makes about what the student sees, each checked where it is made. */
describe('what INSTRUCTIONS.md says the student sees', () => {
  jest.setTimeout(60_000);
  const sections = steps();
  const section = (n: number): string => sections.get(n) ?? '';
  const statusOf = async (command: string, lab: InProcessLab): Promise<number> => (await runInBash([command], lab))[0]!;

  describe('on the lab with no .env (steps 1–4)', () => {
    let lab: InProcessLab;
    beforeAll(async () => {
      lab = await startInProcessLab();
    });
    afterAll(() => lab.close());

    it("step 1's forged line: a 422, and the log shows the name quoted and escaped on one line", async () => {
      expect(await statusOf(commandWith(1, 'SECURITY forged'), lab)).toBe(422);
      const log = await logOf(lab, 'basic_webhook.log', /WEBHOOK_REJECTED/);
      expect(log).toMatch(documentedLine(section(1), /WEBHOOK_RECEIVED event="Test/));
      expect(log).toMatch(documentedLine(section(1), /WEBHOOK_REJECTED/));
      expect(log).not.toMatch(/^SECURITY forged/m);
    });

    it("step 1's checkpoint points at step 4, which shows Prefer: respond-async answered 202", async () => {
      expect(section(1)).toMatch(/Step 4[^.]*`Prefer: respond-async`/);
      expect(await statusOf(commandWith(4, 'Prefer: respond-async'), lab)).toBe(202);
    });

    it("step 4's WEBHOOK_PROCESSED line: the verdict, and why remediation was skipped", async () => {
      await runInBash([commandWith(4, '/shutdown'), commandWith(4, '"interface": "GigabitEthernet2"')], lab);
      try {
        const processed = documentedLine(section(4), /WEBHOOK_PROCESSED event=InterfaceDown/);
        expect(processed.source).toContain('verdict=admin_down remediation=skipped');
        expect(await logOf(lab, 'network_webhook.log', processed)).toMatch(processed);
      } finally {
        await runInBash([commandWith(4, '/no-shutdown')], lab);
      }
    });
  });

  describe('with the .env of step 5 (steps 5–6)', () => {
    let lab: InProcessLab;
    beforeAll(async () => {
      lab = await startInProcessLab({ env: dotenv(section(5)) });
    });
    afterAll(() => lab.close());

    it("step 6's session: terminal monitor shows %LINK-5-CHANGED, the device log has it, the server repairs and says so", async () => {
      const typed = routerSession();
      const shell = await RouterShell.open(lab.routerSshPort);
      try {
        const seen: string[] = [];
        for (const command of typed.slice(0, -1)) seen.push(await shell.type(command));
        const afterShutdown = seen[typed.indexOf('shutdown')] ?? '';
        expect(afterShutdown).toContain('%LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down');
        const device = await logOf(lab, 'device_simulator.log', /%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to up/);
        expect(device).toMatch(documentedLine(section(6), /\[router\]\s+SYSLOG .*%LINK-5-CHANGED/));
        const processed = documentedLine(section(6), /WEBHOOK_PROCESSED event=InterfaceDown/);
        expect(processed.source).toContain('verdict=admin_down remediation=repaired');
        await logOf(lab, 'network_webhook.log', /WEBHOOK_PROCESSED event=InterfaceUp/);
        expect(await logOf(lab, 'network_webhook.log', processed)).toMatch(processed);
        expect(await shell.type(typed.at(-1)!)).toMatch(/GigabitEthernet1 +10\.0\.12\.1 +YES NVRAM +up +up/);
      } finally {
        await shell.close();
      }
      const journal = await fetch(`${lab.urls.network}/events?limit=50`, {
        headers: { Authorization: `Bearer ${dotenv(section(5)).WEBHOOK_TOKEN}` },
      });
      const entries = ((await journal.json()) as { events: Array<{ event: string; result?: object }> }).events;
      expect(entries.find((e) => e.event === 'InterfaceDown')?.result).toEqual({ verdict: 'admin_down', remediation: 'repaired' });
    });

    it("step 6's Try this: a flap is link_down, and the server does not try no shutdown", async () => {
      expect(section(6)).toContain('`verdict=link_down remediation=skipped`');
      expect(await statusOf(commandWith(6, '/flap'), lab)).toBe(200);
      const log = await logOf(lab, 'network_webhook.log', /verdict=link_down/);
      expect(log).toMatch(/WEBHOOK_PROCESSED event=InterfaceDown outcome=ok status=200 verdict=link_down remediation=skipped /);
    });
  });

  describe('the text itself', () => {
    it('shows the status wherever the status is the lesson (every "# answers NNN" line)', () => {
      const promised = [...sections.values()].flatMap(commandsOf).filter((c) => /# answers \d{3}/.test(c));
      expect(promised.length).toBeGreaterThan(5);
      for (const command of promised) expect([command, /^curl (-i |-w '[^']*%\{http_code\})/.test(command)]).toEqual([command, true]);
    });

    it('never says to create a .env: a later step adds to the one an earlier step made', () => {
      expect(text).not.toMatch(/create (a|an|the) `?\.env/i);
      expect(section(5)).toMatch(/add [^.]*to the `\.env` file/);
    });

    it('says `terminal length 0` (the pager) before the first long show command a student types', () => {
      const first = Math.min(...['`show version`', '`show logging`'].map((c) => text.indexOf(c)).filter((i) => i >= 0));
      const pager = text.indexOf('`terminal length 0`');
      expect(pager).toBeGreaterThan(0);
      expect(pager).toBeLessThan(first);
    });

    it('tells how to stop a lab you cannot press Ctrl-C in', () => {
      expect(text).toContain('pgrep -af lab/start-lab.ts');
    });
  });
});
