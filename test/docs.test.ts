import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { describeEnvironment } from '../servers/lib/config/load-config';
import { freePort } from '../lab/free-port';
import { DEFAULT_STREAM_LIMITS } from '../common/event-stream/stream-slots';
import { JOURNAL_MEMORY } from '../servers/lib/journal/event-journal';
import { INSPECT_BACKLOG } from '../servers/lib/inspect/inspect-feed';
import { startTestSimulator, type SimFixture } from './support/sim-fixture';
import { ROOT, spawnTs } from './support/spawn-process';
import { FILE_LIMITS } from '../simulator/files/device-files';
import { MAX_CONFIG_LINES } from '../simulator/config-archive/config-tree';
import { LISTENER_LIMITS } from '../common/net/limit-connections';
import { SSH_GUARDS } from '../simulator/ssh-server';

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** The variables `.env.example` lists (set, or commented out), each with the value it shows. */
function envExampleVariables(text: string): Array<[string, string]> {
  return text
    .split('\n')
    .map((l) => /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[2]!, m[1] === undefined ? m[3]! : '']);
}

/** curl's own message and exit code for a request, exactly as a student's terminal shows it. */
function curlError(url: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(
      'curl',
      ['-sS', '--max-time', '5', '-X', 'POST', url, '-H', 'Content-Type: application/json', '-d', '{"event":"Test"}'],
      (_err, _stdout, stderr) => resolve(stderr.trim()),
    );
  });
}

describe('the docs stay true', () => {
  const readme = read('README.md');
  // The reference holds the configuration table; the README stays short for students.
  const reference = read('REFERENCE.md');
  const envExample = read('.env.example');
  const keys = describeEnvironment();
  const tableRow = (key: string): string | undefined => reference.split('\n').find((l) => l.startsWith(`| \`${key}\` |`));

  it.each(keys.map((k) => [k.key, k.default]))('REFERENCE.md documents %s with its default', (key, fallback) => {
    const row = tableRow(key);
    expect(row).toBeDefined();
    if (fallback !== undefined) expect(row).toContain(`\`${String(fallback)}\``);
  });

  it.each(envExampleVariables(envExample))(
    'REFERENCE.md has a row for %s of .env.example, with the value it shows as default',
    (key, shown) => {
      const row = tableRow(key);
      expect(row).toBeDefined();
      if (shown !== '') expect(row!.split('|')[2]).toContain(`\`${shown}\``);
    },
  );

  it.each(keys.map((k) => [k.key, k.default]))('.env.example documents %s with its default', (key, fallback) => {
    const line = envExample.split('\n').find((l) => l.replace(/^#\s*/, '').startsWith(`${key}=`));
    expect(line).toBeDefined();
    if (fallback !== undefined && !line!.startsWith('#')) expect(line).toBe(`${key}=${String(fallback)}`);
  });

  it("REFERENCE.md states the live view's stream caps as the code has them", () => {
    const { perAddress, total } = DEFAULT_STREAM_LIMITS;
    expect(reference.replace(/\s+/g, ' ')).toContain(`own cap, ${perAddress} per address and ${total} in all`);
  });

  it("REFERENCE.md states the listener guards the code has (the router's control port and SSH)", () => {
    const n = (value: number): string => value.toLocaleString('en-US');
    expect(reference).toContain(`control port ${n(LISTENER_LIMITS.total)} connections and ${LISTENER_LIMITS.perAddress} per address`);
    expect(reference).toContain(`has not logged in ${SSH_GUARDS.loginTimeoutMs / 1000} s after its first`);
    expect(reference).toContain(`at most ${SSH_GUARDS.unauthenticated.total} such (${SSH_GUARDS.unauthenticated.perAddress} per address)`);
  });

  it('REFERENCE.md states how much of the journal stays in memory as the code has it', () => {
    const { maxEntries, maxBytes } = JOURNAL_MEMORY;
    expect(reference.replace(/\s+/g, ' ')).toContain(
      `The newest ${maxEntries.toLocaleString('en-US')} entries (at most ${maxBytes / 1024 / 1024} MB of them) stay in memory`,
    );
  });

  it('REFERENCE.md states how many requests the live view keeps as the code has it', () => {
    const { maxTraces, maxBytes } = INSPECT_BACKLOG;
    expect(reference.replace(/\s+/g, ' ')).toContain(`buffer keeps the recent ones (${maxTraces} requests, ${maxBytes / 1024 / 1024} MB)`);
  });

  it('README quick start is exactly the two commands', () => {
    const start = readme.indexOf('## Quick start');
    const quickStart = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const commands = [...quickStart.matchAll(/```bash\n([^`]*)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('every test file REFERENCE.md names exists (the router section quotes their counts; the security table names its tests)', () => {
    const named = [...reference.matchAll(/`((?:test|common|servers|simulator|lab)\/[\w./-]+\.test\.ts)`/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['test/napalm.test.ts', 'test/scrapli-dialogue.test.ts']));
    for (const file of named) expect({ file, exists: fs.existsSync(path.join(ROOT, file)) }).toEqual({ file, exists: true });
  });

  it("README and REFERENCE give npm test's duration alike (eight minutes on two cores, as CI measures it), and test:unit as the fast path", () => {
    const testRow = reference.split('\n').find((l) => l.startsWith('| `npm test` |')) ?? '';
    expect(readme).toMatch(/every test: about eight minutes on a 2-core machine/);
    expect(testRow).toContain('about eight minutes on a 2-core machine');
    expect(readme).toContain('`npm run test:unit` runs the fast half alone in seconds');
    expect((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts['test:unit']).toBe(
      'jest --selectProjects unit',
    );
  });

  it('README points students at INSTRUCTIONS.md, REFERENCE.md and the performance notes', () => {
    for (const target of ['INSTRUCTIONS.md', 'REFERENCE.md', 'bench/README.md']) expect(readme).toContain(`](${target})`);
  });

  it("REFERENCE.md states the router's file and configuration-file bounds as the simulator keeps them", () => {
    const mib = FILE_LIMITS.bytes / (1024 * 1024);
    expect(reference.replace(/\s+/g, ' ')).toContain(`keeps at most ${FILE_LIMITS.files} files and ${mib} MiB of them`);
    expect(reference.replace(/\s+/g, ' ')).toContain(`A configuration file of more than ${MAX_CONFIG_LINES} lines is refused`);
  });

  it.each(['README.md', 'REFERENCE.md', 'bench/README.md', 'INSTRUCTIONS.md'])('every npm script %s names exists', (file) => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...read(file).matchAll(/npm run (?:-s )?([a-z][a-z-]*)/g)].map((m) => m[1]!);
    for (const name of new Set(named)) expect(scripts).toContain(name);
  });

  describe("README's troubleshooting quotes curl's own error for a wrong address", () => {
    let router: SimFixture;
    beforeAll(async () => {
      router = await startTestSimulator();
    });
    afterAll(() => router.close());

    /** The `curl: (N) …` message README quotes in the entry that mentions `marker`. */
    const quoted = (marker: string): string => {
      const entry = readme.split('\n- ').find((e) => e.includes(marker)) ?? '';
      return /`(curl: \(\d+\)[^`]*)`/.exec(entry)?.[1] ?? '';
    };

    // curl's exit code and the start of its message are stable; the rest of the wording varies a
    // little between curl versions and TLS libraries, as README says.
    it('a port nothing listens on', async () => {
      const port = await freePort();
      const message = await curlError(`http://localhost:${port}/events`);
      const start = 'curl: (7) Failed to connect to localhost port ';
      expect(message.slice(0, start.length)).toBe(start);
      expect(quoted('port 8005')).toBe(`${start}8005 after 0 ms: Couldn't connect to server`);
      expect(message).toContain(` port ${port} `);
    });

    it("the router's SSH port", async () => {
      expect(await curlError(`http://localhost:${router.port}/events`)).toBe(quoted('SSH port'));
    });

    it('https to a server that speaks http', async () => {
      const message = await curlError(`https://localhost:${new URL(router.sim.controlUrl).port}/events`);
      // The code is curl's; the text after it comes from the TLS library curl was built with.
      expect(message.slice(0, 'curl: (35)'.length)).toBe('curl: (35)');
      expect(quoted('wrong version number')).toMatch(/^curl: \(35\) .*wrong version number$/);
    });
  });

  describe('a handout copy (no exercises/solutions/)', () => {
    const instructions = read('INSTRUCTIONS.md');

    it('README and INSTRUCTIONS say that such a copy has no solutions, and what a student has instead', () => {
      expect(readme).toMatch(
        /a copy handed out to students has none — there, each\s+check's "what to do", the starters' `TODO`s and the finished reference servers in `servers\/`/,
      );
      expect(instructions).toMatch(/handed out by your\s+instructor usually has no `exercises\/solutions\/`/);
      expect(instructions).toMatch(/What you have instead: each lost point's "what to do" from\s+`npm run check`/);
    });

    it('`npm run exercise -- N --solution` there says the solutions are not part of this copy, as INSTRUCTIONS says', async () => {
      expect(instructions).toMatch(/`--solution` then says that the solutions\s+are not part of this copy/);
      const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-handout-'));
      try {
        fs.mkdirSync(path.join(copy, 'step1'));
        fs.copyFileSync(path.join(ROOT, 'exercises/step1/server.ts'), path.join(copy, 'step1/server.ts'));
        const run = spawnTs('exercises/run-exercise.ts', { CHECK_EXERCISES_DIR: copy }, ['1', '--solution']);
        expect(await run.exited).toBe(1);
        expect(run.output()).toContain('(solutions are not part of this copy of the lab)');
      } finally {
        fs.rmSync(copy, { recursive: true, force: true });
      }
    });
  });

  it('INSTRUCTIONS and README offer the watch mode of `npm run exercise` (tested in exercises/run-exercise.test.ts)', () => {
    expect(read('INSTRUCTIONS.md')).toMatch(
      /`npm run exercise -- 1 --watch` does that for you — it restarts\s+your server every time you save/,
    );
    expect(readme).toContain('`npm run exercise -- N --watch` restarts your server on\nevery save');
  });
});
