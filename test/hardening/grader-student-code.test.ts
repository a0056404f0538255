import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from '../../grader/world/start-world';
import { WorldClient } from '../../grader/world/world-client';
import { checkStep } from '../../grader/check-step/check-step';
import { startStepServer } from '../../grader/check-step/start-step-server';
import { runLabGrade } from '../../grader/lab/run-lab-grade';
import type { GradeReport } from '../../grader/grade-report';
import { SANDBOX_UIDS, sandboxStatus } from '../../grader/sandbox/sandbox-status';
import { freePort } from '../../lab/free-port';
import { spawnTs, ROOT } from '../support/spawn-process';
import { processesWith } from '../support/processes-with';

/**
 * The attacks on the grader, by a student's own code, each repeated: a step server
 * that reads the grader's environment, one that leaves a detached process behind to rewrite the
 * grade after the grader exits or to break the world for whoever is graded next, a curl suite
 * that passes only on its first run, one that outlives its time limit. Each must fail to change
 * a grade or leak anything, and nothing the student started may outlive its grading.
 */

const status = sandboxStatus();
const sandboxed = status.isolated && process.getuid?.() === 0;
if (!sandboxed) console.warn(`grader-student-code: skipped, the sandbox cannot be had here: ${status.summary}`);
const itSandboxed = sandboxed ? it : it.skip;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A step server that answers 500 to everything, after running `attack` (TypeScript statements). */
const hostileServer = (attack: string): string => `import fs from 'node:fs';
import http from 'node:http';
import { spawn } from 'node:child_process';
void fs; void spawn;
${attack}
http
  .createServer((_req, res) => void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"no"}'))
  .listen(Number(process.env.PORT), '127.0.0.1');
`;

describe('student code cannot change its grade or reach the grader (the sandbox)', () => {
  let world: RunningWorld;
  let dir: string;
  const canary = `canary-${crypto.randomBytes(8).toString('hex')}`;
  beforeAll(async () => {
    world = await startWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-hostile-'));
    process.env.GRADE_CANARY_SECRET = canary;
  });
  afterAll(async () => {
    delete process.env.GRADE_CANARY_SECRET;
    await world?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const writeStep = (name: string, step: number, source: string): string => {
    const file = path.join(dir, name, `step${step}`, 'server.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, source);
    return file;
  };

  itSandboxed(
    "a server that walks /proc for the grader's environment finds nothing, writes nowhere, and is gone after grading",
    async () => {
      const grader = path.join(ROOT, 'grader', `pwned-${process.pid}.txt`);
      const outside = path.join(dir, 'pwned-outside.txt');
      const file = writeStep(
        'walker',
        1,
        hostileServer(`
const found: string[] = [];
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  try { found.push(pid + '=' + fs.readFileSync('/proc/' + pid + '/environ', 'utf8')); } catch { found.push(pid + '=denied'); }
}
let pid = process.ppid;
while (pid > 1) { try { pid = Number(/PPid:\\s+(\\d+)/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))?.[1]); found.push('parent ' + pid); } catch { break; } }
for (const target of [${JSON.stringify(grader)}, ${JSON.stringify(outside)}, ${JSON.stringify(path.join(ROOT, 'exercises', 'kit', 'pwned.ts'))}]) {
  try { fs.writeFileSync(target, 'pwned'); found.push('wrote ' + target); } catch { /* not there */ }
}
try { process.kill(${process.pid}, 0); found.push('can signal the grader'); } catch { /* cannot */ }
console.log('FOUND ' + JSON.stringify({ found, env: process.env, uid: process.getuid?.() }));
setInterval(() => undefined, 1000);`),
      );
      const port = await freePort();
      const server = await startStepServer(file, { ...world.env, PORT: String(port), HOST: '127.0.0.1' }, ROOT);
      try {
        for (let i = 0; i < 50 && !server.output().includes('FOUND'); i++) await sleep(100);
        const seen = JSON.parse(/FOUND (.*)/.exec(server.output())![1]!) as { found: string[]; env: Record<string, string>; uid: number };
        expect(server.output()).not.toContain(canary);
        expect(seen.uid).toBeGreaterThanOrEqual(SANDBOX_UIDS.first);
        expect(seen.uid).toBeLessThanOrEqual(SANDBOX_UIDS.last);
        expect(Object.keys(seen.env).sort()).toEqual([...Object.keys(world.env), 'HOME', 'HOST', 'PATH', 'PORT', 'PWD'].sort());
        // Its own namespace: only the sandbox's processes, none of whose environments it may read but its own.
        expect(seen.found.filter((f) => f.startsWith('wrote') || f === 'can signal the grader')).toEqual([]);
        expect(seen.found.filter((f) => /^\d+=/.test(f)).length).toBeLessThan(5);
        expect([fs.existsSync(grader), fs.existsSync(outside)]).toEqual([false, false]);
      } finally {
        await server.stop();
      }
      expect(processesWith(file.replace(dir, ''))).toEqual([]);
    },
    60_000,
  );

  itSandboxed(
    'a detached process (setsid, double fork) cannot rewrite --output after the grader exits: it is gone with its server',
    async () => {
      const out = path.join(dir, 'results.json');
      const marker = `rewrite-${crypto.randomBytes(4).toString('hex')}`;
      writeStep(
        'detached',
        1,
        hostileServer(`
spawn('setsid', ['bash', '-c', '(sleep 1; while true; do echo "{\\\\"score\\\\": 9}" > ${out}; echo "{\\\\"score\\\\": 9}" > results.json; sleep 0.2; done) & exit 0', '${marker}'], { detached: true, stdio: 'ignore' }).unref();`),
      );
      const cli = spawnTs('grader/check-step/check-main.ts', { CHECK_EXERCISES_DIR: path.join(dir, 'detached') }, [
        '1',
        '--format',
        'json',
        '--output',
        out,
      ]);
      expect(await cli.exited).toBe(0);
      await sleep(2500);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { total: { earned: number }; sandbox: { isolated: boolean } };
      expect(report.total.earned).toBe(0);
      expect(report.sandbox.isolated).toBe(true);
      expect(processesWith(marker)).toEqual([]);
    },
    90_000,
  );

  itSandboxed(
    "a leftover process that sets the stand-ins to fail is gone before the next step's grading",
    async () => {
      const marker = `leftover-${crypto.randomBytes(4).toString('hex')}`;
      const file = writeStep(
        'leftover',
        1,
        hostileServer(`
spawn('setsid', ['bash', '-c', 'while true; do curl -s -o /dev/null -X POST "$JOKE_API_URL/__mode/fail"; curl -s -o /dev/null -X POST "$CARD_API_URL/__mode/fail"; sleep 0.1; done', '${marker}'], { detached: true, stdio: 'ignore', env: process.env }).unref();`),
      );
      const { report } = await checkStep(1, file, world);
      expect(report.total.earned).toBe(0);
      await sleep(1000);
      const mode = (await (await fetch(`${world.env.JOKE_API_URL}/__mode`)).json()) as { mode: string };
      expect(mode.mode).toBe('ok');
      expect(processesWith(marker)).toEqual([]);
    },
    90_000,
  );

  itSandboxed(
    'a server that floods its output and fills its disk keeps the grader to its own limits, and is gone after grading',
    async () => {
      const marker = `flood-${crypto.randomBytes(4).toString('hex')}`;
      const file = writeStep(
        'flood',
        1,
        hostileServer(`
const line = 'x'.repeat(64 * 1024) + '\\n';
const flood = (): void => void process.stdout.write(line, () => setImmediate(flood));
flood();
spawn('bash', ['-c', 'head -c 200000000 /dev/zero > $HOME/big; head -c 200000000 /dev/zero > big; sleep 600', '${marker}'], { stdio: 'ignore' });`),
      );
      const { report } = await checkStep(1, file, world);
      expect(report.total.earned).toBe(0);
      expect(processesWith(marker)).toEqual([]);
    },
    90_000,
  );

  it("a server that switches the stand-in back to 'ok' before each call cannot undo the failures the grader sets up (a locked world)", async () => {
    const file = writeStep(
      'undoer',
      2,
      `import express from 'express';
const api = process.env.JOKE_API_URL!;
const app = express();
app.post('/events', express.json(), async (req, res) => {
  if (req.body?.event !== 'JokeRequest') return void res.json({ status: 'ignored' });
  await fetch(api + '/__mode/ok', { method: 'POST' }).catch(() => undefined);
  const body = (await (await fetch(api + '/', { headers: { accept: 'application/json' } })).json()) as { joke?: string };
  res.json({ joke: body.joke });
});
app.listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    const FAULTS = ['joke-upstream-5xx', 'joke-upstream-garbage', 'joke-upstream-down', 'joke-upstream-hang'];
    const faultPoints = (report: GradeReport): number =>
      report.criteria
        .flatMap((c) => c.checks)
        .filter((k) => FAULTS.includes(k.id))
        .reduce((s, k) => s + k.earned, 0);
    // In an open world (npm run exercise's, for trying things by hand) the trick works…
    const open = await checkStep(2, file, world);
    expect(faultPoints(open.report)).toBeGreaterThan(0);
    // …in the world the grader locks for grading, it does not.
    const locked = await startWorld({ lockControls: true });
    try {
      const { report } = await checkStep(2, file, locked);
      expect(faultPoints(report)).toBe(0);
      expect((await fetch(`${locked.env.JOKE_API_URL}/__mode/fail`, { method: 'POST' })).status).toBe(403);
      expect((await fetch(`${locked.url}/world/reset`, { method: 'POST' })).status).toBe(403);
    } finally {
      await locked.close();
    }
  }, 180_000);

  describe('the curl suite', () => {
    let target: http.Server;
    let url: string;
    beforeAll(async () => {
      target = http.createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
      await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => target.close(() => r())));

    const targets = () => {
      const t = { label: 'a server', url };
      return { servers: { basic: t, joke: t, card: t, network: t, security: t }, missing: {} };
    };
    const CURL_CHECKS = ['curl-passes', 'curl-covers-events', 'curl-catches-500', 'curl-catches-malformed', 'curl-catches-no-token'];
    const SEND_ALL = `for pair in "$BASIC_URL Test" "$JOKE_URL JokeRequest" "$CARD_URL CardDraw" "$NETWORK_URL NetworkDeviceCheck"; do
  set -- $pair; curl -s -o /dev/null -X POST "$1/events" -H 'content-type: application/json' -d "{\\"event\\": \\"$2\\"}"
done`;

    itSandboxed(
      'one that passes only on its first run earns only what its real run earns, each run in a fresh copy',
      async () => {
        const suiteDir = path.join(dir, 'first-run');
        fs.mkdirSync(suiteDir);
        fs.writeFileSync(
          path.join(suiteDir, 'test_webhooks.sh'),
          `# passes once, then fails: counts its runs in its folder, HOME and /tmp, and copies the environment out
if [ -e .ran ] || [ -e "$HOME/.ran" ] || [ -e /tmp/.ran ] || [ -e ${suiteDir}/.ran ]; then exit 1; fi
touch .ran "$HOME/.ran" /tmp/.ran ${suiteDir}/.ran 2>/dev/null
env > ${suiteDir}/env.txt 2>/dev/null
${SEND_ALL}
exit 0
`,
        );
        const report = await runLabGrade(targets(), new WorldClient(world.url), {
          mode: 'external',
          only: CURL_CHECKS,
          curl: { path: path.join(suiteDir, 'test_webhooks.sh') },
        });
        const earned = Object.fromEntries(report.criteria.flatMap((c) => c.checks).map((k) => [k.id, k.earned]));
        // Every run is its first: it passes against the real servers and against every mutant.
        expect(earned).toEqual({
          'curl-passes': 2,
          'curl-covers-events': 2,
          'curl-catches-500': 0,
          'curl-catches-malformed': 0,
          'curl-catches-no-token': 0,
        });
        expect(fs.readdirSync(suiteDir)).toEqual(['test_webhooks.sh']);
      },
      120_000,
    );

    itSandboxed(
      "one that leaves `setsid sleep` behind is stopped at the student's time limit, and nothing of it outlives its grading",
      async () => {
        const marker = `${600 + crypto.randomInt(1000)}.${crypto.randomInt(1000)}`;
        const suite = path.join(dir, 'sleeper.sh');
        fs.writeFileSync(suite, `${SEND_ALL}\nsetsid sleep ${marker} &\n( setsid sleep ${marker} & ) \nsleep ${marker}\n`);
        const started = Date.now();
        const report = await runLabGrade(targets(), new WorldClient(world.url), {
          mode: 'external',
          only: CURL_CHECKS,
          curl: { path: suite },
          deadline: Date.now() + 4000,
        });
        const passes = report.criteria.flatMap((c) => c.checks).find((k) => k.id === 'curl-passes')!;
        expect(passes.earned).toBe(0);
        expect(passes.reason).toMatch(/did not finish|time limit/);
        // The limit, not the suite's 600 s, decided when grading went on.
        expect(Date.now() - started).toBeLessThan(30_000);
        expect(processesWith(`sleep ${marker}`)).toEqual([]);
      },
      60_000,
    );
  });
});
