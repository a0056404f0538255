import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { classroomWorkflow } from './classroom-workflow';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * What never goes to students: the solutions with their tests and typical mistakes, the
 * grader's calibration implementations (complete answers in Express and FastAPI, with their curl
 * suites, and the lab text's snippets).
 */
export const INSTRUCTOR_ONLY = ['exercises/solutions', 'grader/calibration'] as const;
/** Tests outside those folders that grade with what they hold (solutions, calibration servers). */
export const INSTRUCTOR_TESTS = [
  'test/instructor-grading.test.ts',
  'test/autograder-gradescope.test.ts',
  'grader/roster/grade-roster-folders.test.ts',
] as const;
/** package.json scripts that need what the handout leaves out (bench runs the calibration's FastAPI peer and grades the solutions). */
const INSTRUCTOR_SCRIPTS = ['bench', 'handout', 'autograder'];

/** The files of the instructor's tree: what git tracks (plus what is new), never node_modules or .git. */
function treeFiles(root: string): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
    return out.split('\0').filter((f) => f !== '' && fs.existsSync(path.join(root, f)));
  } catch {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, e.name);
        if (e.name === 'node_modules' || e.name === '.git') continue;
        if (e.isDirectory()) walk(rel);
        else if (e.isFile()) files.push(rel);
      }
    };
    walk('');
    return files;
  }
}

const instructorOnly = (file: string): boolean =>
  INSTRUCTOR_ONLY.some((p) => file === p || file.startsWith(`${p}/`)) || (INSTRUCTOR_TESTS as readonly string[]).includes(file);

const relativeImports = (root: string, file: string): string[] =>
  [...fs.readFileSync(path.join(root, file), 'utf8').matchAll(/(?:from|import|require\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
    path.relative(root, path.resolve(path.dirname(path.join(root, file)), m[1]!)),
  );

/**
 * The files to leave out: the instructor's own, and every TypeScript file that imports one of
 * them, directly or through another (e.g. the bench section that grades a class of solutions),
 * so what the handout keeps always runs.
 */
function leftOut(root: string, files: string[]): Set<string> {
  const out = new Set(files.filter(instructorOnly));
  const imports = new Map(files.filter((f) => f.endsWith('.ts') && !out.has(f)).map((f) => [f, relativeImports(root, f)]));
  for (let changed = true; changed;) {
    changed = false;
    for (const [file, targets] of imports) {
      if (out.has(file) || !targets.some((t) => out.has(`${t}.ts`) || out.has(t) || instructorOnly(t))) continue;
      out.add(file);
      changed = true;
    }
  }
  return out;
}

/**
 * `npm run handout -- DIR`: writes the student repository into DIR (which must not exist or be
 * empty): this tree without INSTRUCTOR_ONLY, INSTRUCTOR_TESTS and whatever imports them,
 * package.json with the instructor's scripts saying they are not there, and
 * the GitHub Classroom workflow. The starters, the kit, the reference servers, the world and the
 * grader (`npm run check`) stay. Returns the files written.
 */
export function writeHandout(dir: string, root = REPO_ROOT): string[] {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const all = treeFiles(root);
  const out = leftOut(root, all);
  const files = all.filter((f) => !out.has(f) && f !== 'package.json');
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, file), path.join(dir, file));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // Kept by name (the docs name them), saying why they do nothing here.
  for (const name of INSTRUCTOR_SCRIPTS)
    if (pkg.scripts[name])
      pkg.scripts[name] = `echo "npm run ${name} is the instructor's: not part of the student repository" >&2 && exit 1`;
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const workflow = path.join('.github', 'workflows', 'classroom.yml');
  fs.mkdirSync(path.join(dir, path.dirname(workflow)), { recursive: true });
  fs.writeFileSync(path.join(dir, workflow), classroomWorkflow());
  return [...files, 'package.json', workflow];
}
