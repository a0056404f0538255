import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startInProcessLab, type InProcessLab } from '../lab/start-in-process-lab';
import { ROUTER_COMMANDS } from '../lab/demo';
import { labBanner } from '../lab/lab-banner';
import { loadConfig } from '../servers/lib/config/load-config';
import { startExerciseWorld } from '../exercises/start-exercise-world';
import { exerciseStep } from '../exercises/exercise-steps';
import { githubSignature } from '../common/signatures/webhook-signatures';
import { startFakeJokeApi } from '../servers/fake-apis/fake-joke-api';
import type { FakeApi } from '../servers/fake-apis/start-fake-server';
import { RouterShell } from '../lab/router-shell';
import { exampleLab, inProcessCli, waitForLog } from './support/sim-fixture';
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

/** A documented sample answer (a ```json block, or the body in an `HTTP/1.1` block) and the commands of the bash block before it. */
interface SampleAnswer {
  step: number;
  /** The answer as the text shows it (a closing `HTTP NNN` line removed). */
  shown: string;
  /** The commands that lead to it: the bash block right before it, in order. */
  commands: string[];
  /** Which of those commands it answers: the one promising its `HTTP NNN`, else the last. */
  answers: number;
}

function sampleAnswers(n: number, section: string): SampleAnswer[] {
  // A ```json block, or the body after the headers of an `HTTP/1.1 …` block (curl -i).
  return [...section.matchAll(/```(?:json\n|\nHTTP\/1\.1 [\s\S]*?\n\n)([\s\S]*?)```/g)].map((m) => {
    const before = section.slice(0, m.index);
    const block = [...before.matchAll(/```bash\n([\s\S]*?)```/g)].at(-1)?.[1] ?? '';
    const commands = commandsOf(`\`\`\`bash\n${block}\`\`\``);
    const status = /^HTTP (\d{3})$/m.exec(m[1]!)?.[1];
    const promising = commands.findIndex((c) => status !== undefined && c.includes(`# answers ${status}`));
    return {
      step: n,
      shown: m[1]!.replace(/^HTTP \d{3}\n?/m, ''),
      commands,
      answers: promising >= 0 ? promising : commands.length - 1,
    };
  });
}

/** Runs the commands; returns the body the `answers`-th curl got, parsed. */
async function realAnswer(sample: SampleAnswer, lab: InProcessLab): Promise<unknown> {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-answer-')), 'answer.json');
  try {
    const curls = sample.commands.map((c, i) => {
      if (i !== sample.answers) return c;
      // This one keeps its body: curl itself, not runInBash's status-only wrapper.
      return c.replace(/ -w '[^']*'/, '').replace(/^curl (-i )?/, `command curl -sS --max-time 20 -o ${out} `);
    });
    await runInBash(curls, lab);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
}

const TRIMMED = '…';

/**
 * The shape of a documented answer against the real one: the same keys at every level (the
 * first element standing for an array's elements), and the same number of elements in each
 * array; where the text shows `"…": "…"` (an object) or a last element `"…"` (an array), it
 * says it left some out, and only what it shows must be there.
 */
function shapeDifferences(shown: unknown, real: unknown, where = '$'): string[] {
  if (Array.isArray(shown)) {
    if (!Array.isArray(real)) return [`${where}: an array in the text, ${JSON.stringify(real)} in the answer`];
    const trimmed = shown.at(-1) === TRIMMED;
    const items = trimmed ? shown.slice(0, -1) : shown;
    const count = trimmed
      ? real.length >= items.length
        ? []
        : [`${where}: ${items.length}+ elements shown, ${real.length} real`]
      : real.length === items.length
        ? []
        : [`${where}: ${items.length} elements shown, ${real.length} real (trim it visibly with "…")`];
    return [...count, ...(items.length > 0 && real.length > 0 ? shapeDifferences(items[0], real[0], `${where}[0]`) : [])];
  }
  if (shown !== null && typeof shown === 'object') {
    if (real === null || typeof real !== 'object' || Array.isArray(real)) return [`${where}: an object in the text, not in the answer`];
    const trimmed = TRIMMED in shown;
    const shownKeys = Object.keys(shown).filter((k) => k !== TRIMMED);
    const realKeys = Object.keys(real);
    return [
      ...shownKeys.filter((k) => !realKeys.includes(k)).map((k) => `${where}.${k}: shown, but not in the answer`),
      ...(trimmed ? [] : realKeys.filter((k) => !shownKeys.includes(k)).map((k) => `${where}.${k}: in the answer, left out silently`)),
      ...shownKeys
        .filter((k) => realKeys.includes(k))
        .flatMap((k) => shapeDifferences((shown as Record<string, unknown>)[k], (real as Record<string, unknown>)[k], `${where}.${k}`)),
    ];
  }
  return [];
}

/** Every sample answer of these steps has the shape of what the lab really answers. */
async function expectSampleAnswers(numbers: number[], lab: InProcessLab): Promise<void> {
  const samples = numbers.flatMap((n) => sampleAnswers(n, steps().get(n) ?? ''));
  expect(samples.length).toBeGreaterThan(0);
  for (const sample of samples) {
    const real = await realAnswer(sample, lab);
    expect([sample.step, sample.commands[sample.answers], shapeDifferences(JSON.parse(sample.shown), real)]).toEqual([
      sample.step,
      sample.commands[sample.answers],
      [],
    ]);
  }
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

    it('every sample answer of these steps is complete or visibly trimmed, with the keys the server answers', async () => {
      // On a lab of its own, as a newcomer meets it: the answers above changed the router's log.
      const fresh = await startInProcessLab({ env: env() });
      try {
        await expectSampleAnswers(numbers, fresh);
      } finally {
        await fresh.close();
      }
    });
  });

  describeWithRedis(
    'step 8, on the lab as `npm start -- --scale 2` runs it after step 5 (its .env; two network copies, one Redis, a balancer)',
    () => {
      const redis = useRedisServer();
      // Nested, so that the lab stops (its afterAll) before its Redis does.
      describe('with the lab running', () => {
        let lab: InProcessLab;
        beforeAll(async () => {
          lab = await startInProcessLab({ scale: 2, redisUrl: redis.current().url, env: dotenv(sections.get(5) ?? '') });
        });
        afterAll(() => lab.close());

        it('every command of step 8 answers as the instructions say', async () => {
          await expectStepAnswers(sections.get(8) ?? '', lab);
        });

        it('its sample answer has the keys the server answers', async () => {
          await expectSampleAnswers([8], lab);
        });
      });
    },
  );

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

    it('step 3: with count above 1, `card` names the first card and `cards` holds them all, as the text says', async () => {
      expect(section(3)).toMatch(/`card` still names one card — the \*\*first\*\* card drawn — and `cards`\s+holds all of them/);
      const five = commandWith(3, 'card_draw_five.json');
      const answer = (await realAnswer({ step: 3, shown: '', commands: [five], answers: 0 }, lab)) as {
        card: string;
        cards: Array<{ value: string; suit: string }>;
      };
      expect(answer.cards).toHaveLength(5);
      expect(answer.card).toBe(`${answer.cards[0]!.value} of ${answer.cards[0]!.suit}`);
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

  describe("step 2's failure modes, with the stand-in API as its Try this sets it up", () => {
    let fake: FakeApi;
    beforeAll(async () => {
      fake = await startFakeJokeApi({ port: 0 });
    });
    afterAll(() => fake.close());

    /** Switches the stand-in as the text does, sends a JokeRequest, returns its fallback_reason. */
    async function reasonAfter(mode: string, lab: InProcessLab): Promise<string | undefined> {
      expect((await fetch(`${fake.url}/__mode/${mode}`, { method: 'POST' })).status).toBe(200);
      const answer = await fetch(`${lab.urls.joke}/events`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: fs.readFileSync(path.join(ROOT, 'payloads/joke_request.json')),
      });
      return ((await answer.json()) as { fallback_reason?: string }).fallback_reason;
    }
    const sequence = ['fail', 'garbage', 'down', 'hang'];
    // The lab's own timeout would make the hang take 5 s; the lesson is the same at 1 s.
    const env = { UPSTREAM_TIMEOUT_MS: '1000' };

    it('in a row, every mode after the first repeats the remembered failure with a countdown, as the text quotes it', async () => {
      const quoted = /`(icanhazdadjoke answered \/ with HTTP 503) \d+ s ago; trying it again in \d+ s\.`/.exec(section(2));
      expect(quoted).not.toBeNull();
      const lab = await startInProcessLab({ upstreamUrl: fake.url, env });
      try {
        const reasons = [];
        for (const mode of [...sequence, 'ok']) reasons.push(await reasonAfter(mode, lab));
        expect(reasons[0]).toBe(`${quoted![1]}.`);
        for (const reason of reasons.slice(1))
          expect(reason).toMatch(new RegExp(`^${quoted![1]} \\d+ s ago; trying it again in \\d+ s\\.$`));
      } finally {
        await lab.close();
      }
    });

    it("with the text's OFFLINE_RETRY_S in .env, each mode shows its own failure", async () => {
      const setting = /add `(OFFLINE_RETRY_S)=(\d+)` to `\.env`/.exec(section(2));
      expect(setting).not.toBeNull();
      const lab = await startInProcessLab({ upstreamUrl: fake.url, env: { ...env, [setting![1]!]: setting![2]! } });
      try {
        const reasons = [];
        for (const mode of sequence) reasons.push(await reasonAfter(mode, lab));
        expect(reasons).toEqual([
          expect.stringContaining('with HTTP 503'),
          expect.stringContaining('with an unexpected body'),
          expect.stringContaining('could not be reached'),
          expect.stringContaining('did not answer'),
        ]);
        expect(await reasonAfter('ok', lab)).toBeUndefined();
      } finally {
        await lab.close();
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

  describe("step 6's Build it: what the student's server receives under `npm run exercise -- 6`", () => {
    it('a POST /events relayed by the world, with the Bearer token and a GitHub-style signature, as the text says', async () => {
      const text = section(6);
      expect(text).toContain('`Authorization: Bearer <WEBHOOK_TOKEN>`');
      expect(text).toContain('`X-Hub-Signature-256: sha256=<hex>`');
      expect(text).toContain('/router/events');
      const received: Array<{ url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
      const student = http.createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          received.push({ url: req.url ?? '', headers: req.headers, body });
          res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"ok"}');
        });
      });
      await new Promise<void>((resolve) => student.listen(0, '127.0.0.1', resolve));
      const serverUrl = `http://127.0.0.1:${(student.address() as AddressInfo).port}`;
      const world = await startExerciseWorld({
        step: exerciseStep(6)!,
        env: { FAKE_JOKE_PORT: '0', FAKE_CARD_PORT: '0', DEVICE_PORT: '0', DEVICE_CONTROL_PORT: '0' },
        serverUrl,
      });
      try {
        expect(
          world
            .describe()
            .map(([, where]) => where)
            .join('\n'),
        ).toMatch(/\/router\/events .*-> http:\/\/127\.0\.0\.1:\d+\/events/);
        await fetch(`${world.routerControlUrl}/interfaces/GigabitEthernet2/shutdown`, { method: 'POST' });
        const downOf = (): (typeof received)[number] | undefined => received.find((r) => r.body.includes('"InterfaceDown"'));
        for (let tries = 0; tries < 100 && !downOf(); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
        const down = downOf();
        expect(down?.url).toBe('/events');
        expect(down?.headers.authorization).toBe(`Bearer ${world.serverEnv.WEBHOOK_TOKEN}`);
        expect(down?.headers['x-hub-signature-256']).toBe(githubSignature(world.serverEnv.WEBHOOK_SECRET!, Buffer.from(down!.body)));
        expect(down?.headers['webhook-signature']).toBeUndefined();
      } finally {
        await world.close();
        await new Promise((resolve) => student.close(resolve));
      }
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

    it("step 2's Try this quotes the banner's step 2 line as the lab prints it with that .env", () => {
      const quoted = /\(`(JokeRequest -> [^`]*?)…`\)/.exec(section(2))?.[1];
      expect(quoted).toBeDefined();
      const env = Object.fromEntries([...section(2).matchAll(/`((?:JOKE|CARD)_API_URL)=(\S+)`/g)].map((m) => [m[1]!, m[2]!]));
      expect(Object.keys(env)).toEqual(['JOKE_API_URL', 'CARD_API_URL']);
      const banner = labBanner(loadConfig(env), 'http://127.0.0.1:8003/events', true);
      expect(banner.split('\n').find((l) => l.startsWith('  step 2'))).toContain(quoted);
    });

    it('tells how to stop a lab you cannot press Ctrl-C in', () => {
      expect(text).toContain('pgrep -af lab/start-lab.ts');
    });
  });

  describe('the optional three-router lab', () => {
    const optional = text.slice(text.indexOf('## Optional — a three-router lab'));
    const { routers, network } = exampleLab();
    afterAll(() => network.close());

    /** The session the text shows at Router1's prompt, prompts removed. */
    const session = (/```\n *(Router1#configure terminal[\s\S]*?)```/.exec(optional)?.[1] ?? '')
      .replace(/^ +/gm, '')
      .trim()
      .split('\n')
      .map((l) => l.replace(/^Router1(\([a-z-]+\))?#/, ''));

    it('shows the static route typed in configuration mode, and at Router1# alone it is invalid input', () => {
      expect(session).toEqual(['configure terminal', 'ip route 2.2.2.2 255.255.255.255 10.0.12.2', 'end', 'ping 2.2.2.2']);
      expect(inProcessCli(routers[0]).run(session[1]!).join('\n')).toContain('% Invalid input');
    });

    it('typed as shown, the ping to 2.2.2.2 that failed before works', () => {
      const router1 = inProcessCli(routers[0]);
      expect(router1.run('ping 2.2.2.2')).not.toContain('!!!!!');
      const answers = session.map((line) => router1.run(line));
      expect(answers.at(-1)!.join('\n')).toContain('!!!!!');
    });
  });
});
