import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { describeEnvironment } from '../servers/lib/config/load-config';
import { freePort } from '../lab/free-port';
import { DEFAULT_STREAM_LIMITS } from '../common/event-stream/stream-slots';
import { JOURNAL_MEMORY } from '../servers/lib/journal/event-journal';
import { startTestSimulator, type SimFixture } from './support/sim-fixture';
import { ROOT } from './support/spawn-process';

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

  it('REFERENCE.md states how much of the journal stays in memory as the code has it', () => {
    const { maxEntries, maxBytes } = JOURNAL_MEMORY;
    expect(reference.replace(/\s+/g, ' ')).toContain(
      `The newest ${maxEntries.toLocaleString('en-US')} entries (at most ${maxBytes / 1024 / 1024} MB of them) stay in memory`,
    );
  });

  it('README quick start is exactly the two commands', () => {
    const start = readme.indexOf('## Quick start');
    const quickStart = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const commands = [...quickStart.matchAll(/```bash\n([^`]*)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm ci && npm start', 'npm ci && npm test']);
  });

  it('README points students at INSTRUCTIONS.md, REFERENCE.md and the performance notes', () => {
    for (const target of ['INSTRUCTIONS.md', 'REFERENCE.md', 'bench/README.md']) expect(readme).toContain(`](${target})`);
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
});
