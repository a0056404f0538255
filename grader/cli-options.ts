import { parseArgs } from 'node:util';
import { LAB_STEPS, type LabStep } from './lab/lab-rubric';

export type OutputFormat = 'table' | 'json' | 'gradescope' | 'junit';

export interface CliOptions {
  profile: 'lab' | 'hooklab';
  step?: LabStep;
  format: OutputFormat;
  serve: boolean;
  roster?: string;
  /** Where the roster's CSV goes (default: next to the roster, `<name>.grades.csv`). */
  csv?: string;
  /** Write the result there (after every student process is gone) instead of stdout. */
  output?: string;
  /** Grade this student folder as the instructor (only the student's files, in this tree). */
  submission?: string;
  /** How many roster students are graded at once (folders and repositories; default 2). */
  jobs?: number;
}

export const USAGE = `usage: npm run grade -- [--profile lab|hooklab] [--step 1-6] [--json | --format table|json|gradescope|junit]
                       [--serve] [--roster FILE [--csv FILE] [--jobs N]] [--submission DIR] [--output FILE]
  environment: GRADE_BASIC_URL, GRADE_JOKE_URL, GRADE_CARD_URL, GRADE_NETWORK_URL, GRADE_WORLD_URL,
               GRADE_CURL_SUITE, GRADE_CURL_CWD, GRADE_STUDENT_TIME_LIMIT_S (see grader/README.md)`;

/** Parses `npm run grade` arguments; throws with a message for anything it does not understand. */
export function parseCliOptions(argv: string[]): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      profile: { type: 'string', default: 'lab' },
      step: { type: 'string' },
      json: { type: 'boolean', default: false },
      format: { type: 'string' },
      serve: { type: 'boolean', default: false },
      roster: { type: 'string' },
      csv: { type: 'string' },
      output: { type: 'string' },
      jobs: { type: 'string' },
      submission: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.profile !== 'lab' && values.profile !== 'hooklab') throw new Error(`--profile must be lab or hooklab, not ${values.profile}`);
  const format = values.format ?? (values.json ? 'json' : 'table');
  if (!['table', 'json', 'gradescope', 'junit'].includes(format))
    throw new Error(`--format must be table, json, gradescope or junit, not ${format}`);
  let step: LabStep | undefined;
  if (values.step !== undefined) {
    step = Number(values.step) as LabStep;
    if (!LAB_STEPS.includes(step)) throw new Error(`--step must be one of ${LAB_STEPS.join(', ')}, not ${values.step}`);
    if (values.profile === 'hooklab') throw new Error('--step grades the lab profile only');
  }
  if (values.roster && values.profile === 'hooklab') throw new Error('--roster grades the lab profile only');
  if (values.submission && (values.roster || values.profile === 'hooklab' || values.serve))
    throw new Error('--submission grades one student folder in the lab profile (not with --roster, --serve or --profile hooklab)');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 16))
    throw new Error(`--jobs must be 1 to 16, not ${values.jobs}`);
  return {
    profile: values.profile,
    format: format as OutputFormat,
    serve: values.serve ?? false,
    ...(step !== undefined && { step }),
    ...(values.roster && { roster: values.roster }),
    ...(values.csv && { csv: values.csv }),
    ...(values.output && { output: values.output }),
    ...(jobs !== undefined && { jobs }),
    ...(values.submission && { submission: values.submission }),
  };
}
