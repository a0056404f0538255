import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLE_TREE, writeGradescopeBundle } from '../grader/course/gradescope-bundle';
import { checksOfRun, LAB_POINTS } from '../grader/lab/lab-rubric';
import { writeSolutionSubmission } from '../exercises/solutions/solution-submission';
import { ROOT } from './support/spawn-process';

/**
 * The Gradescope bundle (`npm run autograder -- gradescope`), end to end: laid out as Gradescope
 * lays it out (source/ with the bundle, submission/ with a student's files, results/), its
 * run_autograder grades a real submission and writes results.json in Gradescope's format.
 */
describe('npm run autograder -- gradescope', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-gradescope-'));
    writeGradescopeBundle(path.join(root, 'source'));
    // What setup.sh's npm ci gives the image; Gradescope copies run_autograder to /autograder.
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(root, 'source', BUNDLE_TREE, 'node_modules'));
    fs.copyFileSync(path.join(root, 'source', 'run_autograder'), path.join(root, 'run_autograder'));
    fs.mkdirSync(path.join(root, 'results'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('builds setup.sh, run_autograder and the pristine tree without answers, zipped with them at its root', () => {
    for (const f of ['setup.sh', 'run_autograder']) {
      expect(fs.statSync(path.join(root, 'source', f)).mode & 0o111).toBeTruthy();
      expect(spawnSync('bash', ['-n', path.join(root, 'source', f)]).status).toBe(0);
    }
    expect(fs.existsSync(path.join(root, 'source', BUNDLE_TREE, 'exercises', 'solutions'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'source', BUNDLE_TREE, 'grader', 'main.ts'))).toBe(true);
    const listing = spawnSync('unzip', ['-Z1', path.join(root, 'source', 'autograder.zip')], { encoding: 'utf8' });
    if (listing.status === null || listing.error)
      return console.warn('autograder-gradescope: unzip not installed; the zip listing is not checked');
    expect(listing.stdout.split('\n')).toEqual(expect.arrayContaining(['setup.sh', 'run_autograder', `${BUNDLE_TREE}/grader/main.ts`]));
  });

  it("grades a complete submission from submission/ into results/results.json, Gradescope's format", async () => {
    writeSolutionSubmission(path.join(root, 'submission'));
    // A student's own grader in their upload changes nothing.
    fs.mkdirSync(path.join(root, 'submission', 'grader'));
    fs.writeFileSync(path.join(root, 'submission', 'grader', 'main.ts'), 'console.log(JSON.stringify({ score: 1000 }));\n');
    const child = spawn(path.join(root, 'run_autograder'), [], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TMPDIR: os.tmpdir(), AUTOGRADER_ROOT: root },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(0);
    const results = JSON.parse(fs.readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) as {
      score: number;
      tests: Array<{ name: string; number: string; score: number; max_score: number; output: string }>;
    };
    expect(results.tests.map((t) => t.number).sort()).toEqual(
      checksOfRun({})
        .map((c) => c.id)
        .sort(),
    ); // the lab's 75: no step-only check
    expect(results.tests.reduce((s, t) => s + t.max_score, 0)).toBe(LAB_POINTS);
    expect(results.tests.filter((t) => t.score !== t.max_score).map((t) => `${t.number}: ${t.output}`)).toEqual([]);
    expect(results.score).toBe(LAB_POINTS);
  }, 180_000);
});
