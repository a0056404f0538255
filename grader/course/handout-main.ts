import path from 'node:path';
import { writeHandout } from './handout';

/** `npm run handout -- DIR`: writes the student repository (grader/README.md, "Course plumbing"). */
function main(argv: string[]): number {
  const [dir] = argv;
  if (!dir || argv.length !== 1) {
    process.stderr.write('usage: npm run handout -- DIR   (DIR must not exist yet, or be empty)\n');
    return 2;
  }
  const files = writeHandout(path.resolve(dir));
  process.stderr.write(
    `handout: ${files.length} files written to ${dir} (no solutions, no calibration implementations, nothing that needs them; with .github/workflows/classroom.yml)\n`,
  );
  return 0;
}

try {
  process.exit(main(process.argv.slice(2)));
} catch (err) {
  process.stderr.write(`handout: ${(err as Error).message}\n`);
  process.exit(1);
}
