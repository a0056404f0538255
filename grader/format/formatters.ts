import type { OutputFormat } from '../cli-options';
import type { GradeReport } from '../grade-report';
import { sandboxWarningLine } from '../sandbox/sandbox-report';
import { formatTable } from './format-table';
import { formatGradescope } from './format-gradescope';
import { formatJunit } from './format-junit';

/** One report in each of `npm run grade`'s formats (the table starts with the sandbox's warning, if any). */
export const FORMATTERS: Record<OutputFormat, (r: GradeReport) => string> = {
  table: (r) => `${sandboxWarningLine(r)}\n${formatTable(r)}`,
  json: (r) => `${JSON.stringify(r, null, 2)}\n`,
  gradescope: formatGradescope,
  junit: formatJunit,
};

/** The file extension of each format (a roster writes one file per student). */
export const FORMAT_EXTENSION: Record<OutputFormat, string> = { table: 'txt', json: 'json', gradescope: 'results.json', junit: 'xml' };
