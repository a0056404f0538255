import path from 'node:path';
import type { WorldClient } from '../world/world-client';
import { runLabGrade } from '../lab/run-lab-grade';
import type { CurlSuiteOptions } from '../lab/lab-context';
import type { RosterEntry } from './read-roster';
import type { RosterRow } from './format-roster';

export interface GradeRosterOptions {
  /** The most one student's grading may take before the rest of their checks are skipped. */
  timeLimitMs: number;
  /** Where relative curl suite paths in the roster are resolved (the roster file's folder). */
  baseDir: string;
  curl?: Omit<CurlSuiteOptions, 'path'>;
  onStudent?: (row: RosterRow, index: number, total: number) => void;
}

/**
 * Grades each student of a roster in turn, in the same world, each in isolation: the world is
 * reset before and after each one, and each has a time limit of its own.
 */
export async function gradeRoster(entries: RosterEntry[], world: WorldClient, options: GradeRosterOptions): Promise<RosterRow[]> {
  const rows: RosterRow[] = [];
  for (const [index, entry] of entries.entries()) {
    const report = await runLabGrade(entry.targets, world, {
      mode: 'external',
      deadline: Date.now() + options.timeLimitMs,
      curl: { ...options.curl, ...(entry.curlSuite && { path: path.resolve(options.baseDir, entry.curlSuite) }) },
      notes: [`student ${entry.name}`],
    });
    const row = { name: entry.name, report };
    rows.push(row);
    options.onStudent?.(row, index, entries.length);
  }
  return rows;
}
