import fs from 'node:fs';
import path from 'node:path';
import { openWorld } from '../lab/grade-lab';
import type { OutputFormat } from '../cli-options';
import { FORMATTERS, FORMAT_EXTENSION } from '../format/formatters';
import { formatTable } from '../format/format-table';
import { DEFAULT_TIME_LIMIT_S } from '../submission/grade-submission';
import { WorldClient } from '../world/world-client';
import { readRoster } from './read-roster';
import { gradeRoster } from './grade-roster';
import { formatRosterCsv, formatRosterTable, type RosterRow } from './format-roster';

/** A student's name as a file name: letters, digits, dot, dash and underscore only. */
const fileName = (name: string): string => name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_') || 'student';

/**
 * Writes each student's feedback beside the CSV, in `<csv name>.feedback/`: `<name>.txt` (every
 * lost point with its reason and hint) and, with --format json|gradescope|junit, the report in
 * that format too. Returns each student's feedback file, relative to the CSV's folder.
 */
function writeFeedback(rows: RosterRow[], csv: string, format: OutputFormat): string[] {
  const dir = path.join(path.dirname(csv), `${path.basename(csv, path.extname(csv))}.feedback`);
  fs.mkdirSync(dir, { recursive: true });
  const used = new Set<string>();
  return rows.map(({ name, report }) => {
    let base = fileName(name);
    for (let n = 2; used.has(base); n++) base = `${fileName(name)}-${n}`;
    used.add(base);
    fs.writeFileSync(path.join(dir, `${base}.txt`), `${name}\n${formatTable(report)}`);
    if (format !== 'table') fs.writeFileSync(path.join(dir, `${base}.${FORMAT_EXTENSION[format]}`), FORMATTERS[format](report));
    return path.relative(path.dirname(csv), path.join(dir, `${base}.txt`));
  });
}

/**
 * `npm run grade -- --roster FILE`: every student of the file (by URLs in GRADE_WORLD_URL's
 * world, one at a time; by folder or repository in worlds of their own, `jobs` at a time), each
 * within GRADE_STUDENT_TIME_LIMIT_S (300 s). Writes the CSV and each student's feedback file;
 * returns what to print: the class table, or with --format json every report as JSON.
 */
export async function gradeRosterFile(
  file: string,
  env: Record<string, string | undefined>,
  options: { csv: string; format: OutputFormat; jobs?: number; log: (line: string) => void },
): Promise<string> {
  const entries = readRoster(fs.readFileSync(file, 'utf8'));
  const limitS = Number(env.GRADE_STUDENT_TIME_LIMIT_S) > 0 ? Number(env.GRADE_STUDENT_TIME_LIMIT_S) : DEFAULT_TIME_LIMIT_S;
  const byUrl = entries.some((e) => e.source === undefined);
  const opened = byUrl ? await openWorld(env) : undefined;
  if (opened?.world)
    options.log(
      "GRADE_WORLD_URL is not set: grading in a world started for this run, which the students' servers do not know (see `npm run grade -- --serve`).",
    );
  try {
    const rows = await gradeRoster(entries, opened?.client ?? (env.GRADE_WORLD_URL ? new WorldClient(env.GRADE_WORLD_URL) : undefined), {
      timeLimitMs: limitS * 1000,
      baseDir: path.dirname(path.resolve(file)),
      ...(options.jobs !== undefined && { jobs: options.jobs }),
      ...(env.GRADE_CURL_CWD && { curl: { cwd: env.GRADE_CURL_CWD } }),
      onStudent: (row, i, n) =>
        options.log(
          `[${i + 1}/${n}] ${row.name}: ${row.report.total.earned}/${row.report.total.possible} (${(row.report.duration_ms / 1000).toFixed(1)} s)`,
        ),
    });
    const feedback = writeFeedback(rows, options.csv, options.format);
    fs.writeFileSync(options.csv, formatRosterCsv(rows, feedback));
    options.log(`CSV written to ${options.csv}; each student's feedback beside it (${path.dirname(feedback[0] ?? '.')}/)`);
    return options.format === 'json'
      ? `${JSON.stringify(
          rows.map((r) => ({ name: r.name, ...r.report })),
          null,
          2,
        )}\n`
      : `\n${formatRosterTable(rows)}`;
  } finally {
    await opened?.world?.close();
  }
}
