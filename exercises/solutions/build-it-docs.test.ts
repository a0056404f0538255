import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Express } from 'express';
import { freePort } from '../../lab/free-port';
import { captureLogger } from '../../test/support/capture-logger';
import { ROOT } from '../../test/support/spawn-process';
import { exerciseStep } from '../exercise-steps';
import { readEnv } from '../kit/read-env';
import type { ServerDeps } from '../kit/run-server';
import { startExerciseWorld, type ExerciseWorld } from '../start-exercise-world';
import { captureLog, serve, type Served } from './test-support';

/**
 * INSTRUCTIONS.md's "Build it" parts cannot rot either: their ```bash build-it blocks are meant
 * for the student's own server, so here every curl of them runs against that step's solution,
 * in the world `npm run exercise -- N` starts (with the variables its documented command line
 * sets), and must answer 2xx — or what its `# answers NNN` comment promises.
 */
const text = fs.readFileSync(path.join(ROOT, 'INSTRUCTIONS.md'), 'utf8');

function buildItSection(step: number): string {
  const part = text.split(/^## /m).find((p) => p.startsWith(`Step ${step} `)) ?? '';
  return part.slice(part.indexOf('### Build it'));
}

function buildItLines(step: number): string[] {
  const blocks = [...buildItSection(step).matchAll(/```bash build-it\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((b) => b.split('\n'))
    .map((l) => l.trim())
    .filter(Boolean);
}

/** The variables the documented `npm run exercise -- N` line sets, e.g. AUTO_REMEDIATE=true. */
function launchEnv(lines: string[], step: number): Record<string, string> {
  const launch = lines.find((l) => l.endsWith(`npm run exercise -- ${step}`)) ?? '';
  return Object.fromEntries([...launch.matchAll(/([A-Z_]+)=(\S+) /g)].map((m) => [m[1]!, m[2]!]));
}

describe.each([1, 2, 3, 4, 5, 6])('INSTRUCTIONS.md, step %i, "Build it"', (step) => {
  const lines = buildItLines(step);
  const commands = lines.filter((l) => l.startsWith('curl ') || /^[A-Z]+="/.test(l));
  let world: ExerciseWorld;
  let server: Served;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-build-it-'));
    const port = await freePort();
    const env = {
      FAKE_JOKE_PORT: '0',
      FAKE_CARD_PORT: '0',
      DEVICE_PORT: '0',
      DEVICE_CONTROL_PORT: '0',
      LOG_DIR: dir,
      ...launchEnv(lines, step),
    };
    world = await startExerciseWorld({
      step: exerciseStep(step)!,
      env,
      serverUrl: `http://127.0.0.1:${port}`,
      routerLogger: captureLogger('router'),
    });
    const { buildApp } = (await import(`./step${step}/server`)) as { buildApp: (deps: ServerDeps) => Express };
    const app = buildApp({ env: readEnv({ ...env, ...world.serverEnv }), log: captureLog().log });
    server = await serve(app, port);
  });
  afterAll(async () => {
    await world.webhooksIdle();
    await server.close();
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says how to run it, how to check it, and has curl commands to check with', () => {
    expect(buildItSection(step)).toContain(`npm run exercise -- ${step}`);
    expect(buildItSection(step)).toContain(`npm run check -- ${step}`);
    expect(commands.filter((c) => c.startsWith('curl ')).length).toBeGreaterThan(2);
  });

  // e.g. `BASIC_URL=http://localhost:8000 bash curl-tests/basic.sh`: the lab's curl checks, said to pass.
  const suites = [...buildItSection(step).matchAll(/`([A-Z]+_URL)=http:\/\/localhost:800\d bash (curl-tests\/[a-z]+\.sh)`/g)];
  if (suites.length > 0) {
    it('the curl checks it names pass against the solution', async () => {
      for (const [, variable, script] of suites) {
        await promisify(execFile)('bash', [script!], {
          cwd: ROOT,
          env: { ...process.env, [variable!]: server.url, LOG_DIR: dir, WEBHOOK_TOKEN: '' },
        });
      }
    });
  }

  it("every curl answers as the text says, from the step's solution", async () => {
    const script = [
      'set -e',
      'curl() { command curl -sS -o /dev/null -w "%{http_code}\\n" --max-time 20 "$@"; }',
      ...commands.map((c) =>
        c.replace(/http:\/\/localhost:800\d/g, server.url).replace(/http:\/\/127\.0\.0\.1:2280/g, world.routerControlUrl),
      ),
    ].join('\n');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
    const statuses = stdout.trim().split('\n').map(Number);
    const expected = commands.filter((c) => c.startsWith('curl ')).map((c) => Number(/# answers (\d{3})/.exec(c)?.[1] ?? 0));
    expect(statuses).toHaveLength(expected.length);
    statuses.forEach((status, i) => {
      if (expected[i] === 0) expect([i, status >= 200 && status < 300]).toEqual([i, true]);
      else expect([i, status]).toEqual([i, expected[i]]);
    });
  });
});
