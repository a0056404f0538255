import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeGradescopeBundle } from './gradescope-bundle';

const USAGE = 'usage: npm run autograder -- gradescope [--out DIR]   (DIR: default autograder-gradescope/, must be empty)';

/** `npm run autograder -- gradescope [--out DIR]`: builds the Gradescope bundle (grader/README.md). */
function main(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, options: { out: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1 || positionals[0] !== 'gradescope') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dir = path.resolve(values.out ?? 'autograder-gradescope');
  const written = writeGradescopeBundle(dir);
  process.stderr.write(
    `autograder: ${written.join(', ')} written to ${dir}${written.includes('autograder.zip') ? ': upload autograder.zip to Gradescope' : ' (zip setup.sh run_autograder hooklab into autograder.zip to upload it)'}\n`,
  );
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`autograder: ${(err as Error).message}\n`);
  process.exit(1);
}
