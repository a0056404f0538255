import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INSTRUCTOR_ONLY, INSTRUCTOR_TESTS, writeHandout } from '../grader/course/handout';
import { LAB_STEPS, stepPoints } from '../grader/lab/lab-rubric';
import { sandboxStatus } from '../grader/sandbox/sandbox-status';
import { spawnCommand, spawnTs, ROOT } from './support/spawn-process';

/**
 * The trusted path: the handout the students get (no answers, `npm run check` still
 * working), and the instructor's grade of a submission, which takes only the student's files
 * into the instructor's own tree: a student's edit to the grader, or a link to the answers,
 * changes nothing.
 */

const isolated = sandboxStatus().isolated;
if (!isolated) console.warn(`instructor-grading: the sandbox cannot be had here (${sandboxStatus().summary}); grading runs without it`);

interface Report {
  total: { earned: number; possible: number };
  notes: string[];
  criteria: Array<{ checks: Array<{ id: string; step?: number; earned: number; reason?: string }> }>;
}
const stepEarned = (report: Report, step: number): number =>
  report.criteria
    .flatMap((c) => c.checks)
    .filter((k) => k.step === step)
    .reduce((s, k) => s + k.earned, 0);

describe('npm run handout -- DIR', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-handout-')), 'lab');
    writeHandout(dir);
    // What a student's `npm ci` gives them.
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('holds no solutions, no calibration implementations, and no test or script that needs them', () => {
    for (const gone of [...INSTRUCTOR_ONLY, ...INSTRUCTOR_TESTS])
      expect([gone, fs.existsSync(path.join(dir, gone))]).toEqual([gone, false]);
    const scripts = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['check', 'exercise', 'grade', 'test']));
    expect(scripts.bench).toMatch(/not part of the student repository.*exit 1$/);
    for (const step of LAB_STEPS) expect(fs.existsSync(path.join(dir, 'exercises', `step${step}`, 'server.ts'))).toBe(true);
  });

  it("keeps npm run check working: the starter of step 1 scores the starter's 0 of 9", () => {
    const out = path.join(path.dirname(dir), 'step1.json');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'grader/check-step/check-main.ts', '1', '--format', 'json', '--output', out],
      {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TMPDIR: os.tmpdir() },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(run.status).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    expect(report.total).toEqual({ earned: 0, possible: stepPoints(1) });
  }, 120_000);

  it("keeps jest's configuration whole: it lists tests, none of them in a folder the handout leaves out", () => {
    const run = spawnSync(process.execPath, [path.join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), '--listTests'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(0);
    const tests = run.stdout.trim().split('\n');
    expect(tests.length).toBeGreaterThan(20);
    for (const gone of INSTRUCTOR_ONLY) expect(tests.filter((t) => t.includes(`/${gone}/`))).toEqual([]);
  }, 90_000);

  const pyyaml = spawnSync('/usr/bin/python3', ['-c', 'import yaml']).status === 0;
  if (!pyyaml) console.warn('instructor-grading: the Classroom workflow case skipped: /usr/bin/python3 lacks PyYAML (python3-yaml)');
  (pyyaml ? it : it.skip)("writes a GitHub Classroom workflow with one graded entry per lab step, each worth the step's points", () => {
    // A real YAML parser reads it (PyYAML, as GitHub's own would): indentation mistakes fail here.
    const parsed = spawnSync('/usr/bin/python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))'], {
      input: fs.readFileSync(path.join(dir, '.github', 'workflows', 'classroom.yml'), 'utf8'),
      encoding: 'utf8',
    });
    expect(parsed.stderr).toBe('');
    const workflow = JSON.parse(parsed.stdout) as {
      jobs: Record<string, { steps: Array<{ id?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }> }>;
    };
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const graded = steps.filter((s) => s.uses?.startsWith('classroom-resources/autograding-command-grader@'));
    expect(graded.map((s) => [s.with?.command, s.with?.['max-score']])).toEqual(
      LAB_STEPS.map((step) => [`npm run -s check -- ${step} --require-full-marks`, stepPoints(step)]),
    );
    const reporter = steps.find((s) => s.uses?.startsWith('classroom-resources/autograding-grading-reporter@'))!;
    expect(String(reporter.with?.runners).split(',')).toEqual(graded.map((s) => s.id));
    for (const s of graded) expect(reporter.env?.[`${s.id!.toUpperCase()}_RESULTS`]).toBe(`\${{steps.${s.id}.outputs.result}}`);
  });
});

describe('npm run grade -- --submission DIR (the instructor grades only the student files)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-submission-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("ignores a student's edit to the grader and never follows a link to the answers", async () => {
    const sub = path.join(dir, 'tamperer');
    fs.mkdirSync(path.join(sub, 'exercises', 'step1'), { recursive: true });
    fs.mkdirSync(path.join(sub, 'exercises', 'step2'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'exercises', 'step1', 'server.ts'), path.join(sub, 'exercises', 'step1', 'server.ts'));
    // The solution of step 2, through a link; and a grader whose rubric gives every point.
    fs.symlinkSync(path.join(ROOT, 'exercises', 'solutions', 'step2', 'server.ts'), path.join(sub, 'exercises', 'step2', 'server.ts'));
    fs.mkdirSync(path.join(sub, 'grader', 'lab'), { recursive: true });
    fs.writeFileSync(path.join(sub, 'grader', 'run-check.ts'), 'export const runCheck = async () => ({});\n');
    fs.mkdirSync(path.join(sub, 'exercises', 'kit'), { recursive: true });
    fs.writeFileSync(path.join(sub, 'exercises', 'kit', 'json-errors.ts'), 'throw new Error("the student\'s own kit ran");\n');
    const out = path.join(dir, 'tamperer.json');
    const cli = spawnTs('grader/main.ts', { GRADE_STUDENT_TIME_LIMIT_S: '120' }, ['--submission', sub, '--json', '--output', out]);
    expect(await cli.exited).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
    expect([stepEarned(report, 1), stepEarned(report, 2)]).toEqual([0, 0]);
    expect(report.total.earned).toBe(0);
    const step2 = report.criteria.flatMap((c) => c.checks).find((k) => k.id === 'joke-answers')!;
    expect(step2.reason).toMatch(/has no exercises\/step2\/server\.ts/);
    expect(report.notes.join('\n')).toMatch(/step2\/server\.ts \(a symbolic link\)/);
    expect(cli.output()).not.toContain("the student's own kit ran");
  }, 180_000);

  const python = spawnSync('/usr/bin/python3', ['-c', 'import fastapi, uvicorn']).status === 0;
  if (!python)
    console.warn(
      'instructor-grading: the start-manifest case skipped: /usr/bin/python3 lacks fastapi/uvicorn (python3-fastapi, python3-uvicorn)',
    );
  (python ? it : it.skip)(
    'grades a project in another language through its start manifest (hooklab-start.json)',
    async () => {
      const sub = path.join(dir, 'python');
      fs.cpSync(path.join(ROOT, 'grader', 'calibration', 'lab-snippets'), sub, { recursive: true });
      fs.writeFileSync(
        path.join(sub, 'hooklab-start.json'),
        JSON.stringify({
          servers: {
            basic: { command: ['python3', '-m', 'uvicorn', 'webhook_server:app', '--host', '127.0.0.1', '--port', '{PORT}'] },
            joke: { command: ['python3', '-m', 'uvicorn', 'action_server:app', '--host', '127.0.0.1', '--port', '{PORT}'] },
          },
        }),
      );
      const out = path.join(dir, 'python.json');
      const cli = spawnCommand(process.execPath, ['--import', 'tsx', 'grader/main.ts', '--submission', sub, '--json', '--output', out], {});
      expect(await cli.exited).toBe(0);
      const report = JSON.parse(fs.readFileSync(out, 'utf8')) as Report;
      const earned = Object.fromEntries(report.criteria.flatMap((c) => c.checks).map((k) => [k.id, k.earned]));
      // The lab's own snippets acknowledge an event and fetch a joke (grader/README.md: 17 points with a card server too).
      expect(earned['basic-acknowledges']).toBeGreaterThan(0);
      expect(earned['joke-answers']).toBeGreaterThan(0);
      expect(earned['card-answers']).toBe(0);
    },
    180_000,
  );
});
