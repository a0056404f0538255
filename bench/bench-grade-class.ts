import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSolutionSubmission } from '../exercises/solutions/solution-submission';
import { gradeRosterFile } from '../grader/roster/grade-roster-file';
import { DEFAULT_JOBS } from '../grader/roster/grade-roster';
import { sandboxStatus } from '../grader/sandbox/sandbox-status';
import { spawnSandboxed } from '../grader/sandbox/spawn-sandboxed';
import { makeStage } from '../grader/sandbox/stage';
import { spawn } from 'node:child_process';

/** What grading a class from folders took (the target: 30 students in under 5 minutes on 2 cores). */
export interface GradeClassFigures {
  students: number;
  jobs: number;
  total_s: number;
  per_student_s: { median: number; max: number };
  /** Students who did not get every point (a complete submission must get all 75). */
  below_full_marks: string[];
  sandbox: string;
  /** What the sandbox adds to starting a process: /usr/bin/true, median of 20, plain and sandboxed. */
  sandbox_start_ms: { plain: number; sandboxed: number };
  target_s: number;
  met: boolean;
}

const TARGET_S = 300;

const medianOf = (values: number[]): number => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]! * 10) / 10;

/** Starts /usr/bin/true 20 times plainly and 20 times in the sandbox (its own stage, as a student's). */
async function sandboxStartCost(): Promise<GradeClassFigures['sandbox_start_ms']> {
  const stage = makeStage(path.resolve(__dirname, '..'), () => undefined, []);
  const time = async (run: () => Promise<unknown>): Promise<number> => {
    const ms: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await run();
      ms.push(performance.now() - t);
    }
    return medianOf(ms);
  };
  try {
    return {
      plain: await time(() => new Promise((r) => spawn('/usr/bin/true').on('exit', r))),
      sandboxed: await time(
        () => spawnSandboxed({ command: '/usr/bin/true', args: [], env: {}, cwd: stage.app, uid: stage.uid, mounts: stage.mounts }).gone,
      ),
    };
  } finally {
    stage.remove();
  }
}

/**
 * A class of `students` complete TypeScript submissions (the solutions, as a student hands them
 * in, with a curl suite), each in its own folder, graded with `npm run grade -- --roster`'s own
 * code: every student's servers started in the sandbox, `jobs` students at once.
 */
export async function benchGradeClass(options: {
  students: number;
  jobs?: number;
  progress: (line: string) => void;
}): Promise<GradeClassFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-class-'));
  const jobs = options.jobs ?? DEFAULT_JOBS;
  try {
    const names = Array.from({ length: options.students }, (_, i) => `student${String(i + 1).padStart(2, '0')}`);
    for (const name of names) writeSolutionSubmission(path.join(dir, name));
    fs.writeFileSync(path.join(dir, 'class.txt'), names.map((n) => `${n} ${n}`).join('\n'));
    const seconds: number[] = [];
    const below: string[] = [];
    const started = Date.now();
    await gradeRosterFile(
      path.join(dir, 'class.txt'),
      {},
      {
        csv: path.join(dir, 'class.grades.csv'),
        format: 'table',
        jobs,
        log: (line) => {
          const m = /^\[(\d+)\/\d+\] (\S+): (\d+)\/(\d+) \(([\d.]+) s\)/.exec(line);
          if (!m) return;
          seconds.push(Number(m[5]));
          if (m[3] !== m[4]) below.push(`${m[2]} ${m[3]}/${m[4]}`);
          options.progress(`  ${line}`);
        },
      },
    );
    const total = Math.round((Date.now() - started) / 100) / 10;
    const startCost = await sandboxStartCost();
    // What a student below full marks lost (the CSV's lost column), for the record.
    const feedbackDir = path.join(dir, 'class.grades.feedback');
    for (const [i, entry] of below.entries()) {
      const name = entry.split(' ')[0]!;
      const text = fs.readFileSync(path.join(feedbackDir, `${name}.txt`), 'utf8');
      below[i] = `${entry}: ${[...text.matchAll(/-\d+ {2}([a-z0-9-]+): (.{0,160})/g)].map((m) => `${m[1]} (${m[2]})`).join('; ')}`;
    }
    const sorted = [...seconds].sort((a, b) => a - b);
    return {
      students: options.students,
      jobs,
      total_s: total,
      per_student_s: { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 },
      below_full_marks: below,
      sandbox: sandboxStatus().summary,
      sandbox_start_ms: startCost,
      target_s: TARGET_S,
      met: total < TARGET_S && below.length === 0,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The table's rows for it. */
export function gradeClassRows(g: GradeClassFigures): string[][] {
  const ok = (met: boolean): string => (met ? 'met' : '**missed**');
  return [
    [
      `Grade a class from folders: ${g.students} complete submissions, ${g.jobs} at once (${g.sandbox})`,
      `${g.total_s} s total; ${g.per_student_s.median} s a student (max ${g.per_student_s.max} s)`,
      '',
      '',
      `< ${g.target_s} s, all 75/75 — ${ok(g.met)}${g.below_full_marks.length > 0 ? ` (below: ${g.below_full_marks.join(', ')})` : ''}`,
    ],
    [
      'Start a process in the sandbox (/usr/bin/true)',
      `${g.sandbox_start_ms.sandboxed} ms`,
      `${g.sandbox_start_ms.plain} ms (plain spawn)`,
      '',
      '',
    ],
  ];
}
