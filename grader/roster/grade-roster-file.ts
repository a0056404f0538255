import fs from 'node:fs';
import path from 'node:path';
import { openWorld } from '../lab/grade-lab';
import { readRoster } from './read-roster';
import type { OutputFormat } from '../cli-options';
import { gradeRoster } from './grade-roster';
import { formatRosterCsv, formatRosterTable } from './format-roster';

/**
 * `npm run grade -- --roster FILE`: every student of the file, one after the other in one world
 * (GRADE_WORLD_URL's, which their servers were started against), each within
 * GRADE_STUDENT_TIME_LIMIT_S (300 s). Writes the CSV; returns the table (or JSON) to print.
 */
export async function gradeRosterFile(
  file: string,
  env: Record<string, string | undefined>,
  options: { csv: string; format: OutputFormat; jobs?: number; log: (line: string) => void },
): Promise<string> {
  const entries = readRoster(fs.readFileSync(file, 'utf8'));
  const limitS = Number(env.GRADE_STUDENT_TIME_LIMIT_S) > 0 ? Number(env.GRADE_STUDENT_TIME_LIMIT_S) : 300;
  const { client, world } = await openWorld(env);
  if (world)
    options.log(
      "GRADE_WORLD_URL is not set: grading in a world started for this run, which the students' servers do not know (see `npm run grade -- --serve`).",
    );
  try {
    const rows = await gradeRoster(entries, client, {
      timeLimitMs: limitS * 1000,
      baseDir: path.dirname(path.resolve(file)),
      ...(env.GRADE_CURL_CWD && { curl: { cwd: env.GRADE_CURL_CWD } }),
      onStudent: (row, i, n) =>
        options.log(
          `[${i + 1}/${n}] ${row.name}: ${row.report.total.earned}/${row.report.total.possible} (${(row.report.duration_ms / 1000).toFixed(1)} s)`,
        ),
    });
    fs.writeFileSync(options.csv, formatRosterCsv(rows));
    options.log(`CSV written to ${options.csv}`);
    return options.format === 'json'
      ? `${JSON.stringify(
          rows.map((r) => ({ name: r.name, ...r.report })),
          null,
          2,
        )}\n`
      : `\n${formatRosterTable(rows)}`;
  } finally {
    await world?.close();
  }
}
