import fs from 'node:fs';

/**
 * Where a grade goes: `--output FILE` (written whole, once every student process is gone, so
 * nothing npm or a student prints can end up in it), else stdout.
 */
export function writeOutput(text: string, file: string | undefined): void {
  if (!file) return void process.stdout.write(text);
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode: 0o644 });
  fs.renameSync(temp, file);
  process.stderr.write(`written to ${file}\n`);
}
