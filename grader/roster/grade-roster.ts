import path from 'node:path';
import type { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import type { CurlSuiteOptions } from '../lab/lab-context';
import type { GradeReport } from '../grade-report';
import { notRunReport } from '../check-step/not-run-report';
import { gradeSubmission } from '../submission/grade-submission';
import type { RosterEntry } from './read-roster';
import type { RosterRow } from './format-roster';
import { fetchSource } from './fetch-source';

/** How many students with folders are graded at once on this 2-core machine: grading mostly waits (a hung upstream is given 15 s, twice a student); measured in npm run bench, section 5. */
export const DEFAULT_JOBS = 4;

export interface GradeRosterOptions {
  /** The most one student's grading may take (starting their servers included). */
  timeLimitMs: number;
  /** Where relative curl suite paths and folders in the roster are resolved (the roster file's folder). */
  baseDir: string;
  curl?: Omit<CurlSuiteOptions, 'path'>;
  /** Students with a folder or repository graded at once (each in a world of their own). */
  jobs?: number;
  onStudent?: (row: RosterRow, index: number, total: number) => void;
}

/** Grades a student's folder or repository: their servers started by the grader, in the sandbox, in a world of their own. */
async function gradeSource(entry: Extract<RosterEntry, { source: string }>, options: GradeRosterOptions): Promise<GradeReport> {
  const started = Date.now();
  try {
    const source = await fetchSource(entry.source, options.baseDir);
    try {
      return await gradeSubmission(source.dir, {
        timeLimitMs: options.timeLimitMs - (Date.now() - started),
        notes: [`student ${entry.name}`],
      });
    } finally {
      source.remove();
    }
  } catch (err) {
    // A folder that cannot even be read scores 0 everywhere, saying why.
    return { ...notRunReport(undefined, (err as Error).message), notes: [`student ${entry.name}`], duration_ms: Date.now() - started };
  }
}

/**
 * Grades each student of a roster. Students named by URLs share `world` (GRADE_WORLD_URL's,
 * which their servers were started against) and are graded one at a time, the world reset
 * before and after each; students named by a folder or repository get a world, ports and
 * sandboxes of their own and are graded `jobs` at a time. Each has a time limit of its own;
 * rows come back in the roster's order.
 */
export async function gradeRoster(
  entries: RosterEntry[],
  world: WorldClient | undefined,
  options: GradeRosterOptions,
): Promise<RosterRow[]> {
  const rows: RosterRow[] = new Array<RosterRow>(entries.length);
  let done = 0;
  const finish = (index: number, report: GradeReport): void => {
    rows[index] = { name: entries[index]!.name, report };
    options.onStudent?.(rows[index], done++, entries.length);
  };
  const bySource = entries.flatMap((e, i) => (e.source !== undefined ? [i] : []));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bySource.length) {
      const index = bySource[next++]!;
      finish(index, await gradeSource(entries[index] as Extract<RosterEntry, { source: string }>, options));
    }
  };
  const pool = Promise.all(Array.from({ length: Math.max(1, options.jobs ?? DEFAULT_JOBS) }, worker));
  for (const [index, entry] of entries.entries()) {
    if (entry.source !== undefined) continue;
    if (!world) throw new Error('students named by URLs need the world their servers were started in (GRADE_WORLD_URL)');
    finish(
      index,
      await runLabGrade(entry.targets, world, {
        mode: 'external',
        deadline: Date.now() + options.timeLimitMs,
        curl: { ...options.curl, ...(entry.curlSuite && { path: path.resolve(options.baseDir, entry.curlSuite) }) },
        notes: [`student ${entry.name}`],
      }),
    );
  }
  await pool;
  return rows;
}
