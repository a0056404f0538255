import fs from 'node:fs';
import path from 'node:path';

/** What a copy left out (symbolic links, devices, sockets, whatever went over the limits). */
export interface CopyResult {
  files: number;
  bytes: number;
  skipped: string[];
}

export const COPY_LIMITS = { files: 5000, bytes: 50 << 20 };
// Never the student's own dependencies or history: the instructor's node_modules is mounted instead.
const NEVER = new Set(['.git', 'node_modules']);

/**
 * Copies a student's folder: regular files and folders only. A symbolic link is never followed
 * (one pointing at /etc/shadow or the grader's tree would otherwise be read by the grader, as
 * root, into the student's sandbox), nor copied; .git and node_modules are left out, and the copy
 * stops at 5000 files or 50 MB. Returns what it left out, for the report.
 */
export function copySubmission(from: string, to: string, limits = COPY_LIMITS): CopyResult {
  const result: CopyResult = { files: 0, bytes: 0, skipped: [] };
  const walk = (src: string, dest: string, shown: string): void => {
    fs.mkdirSync(dest, { recursive: true });
    for (const entry of fs.readdirSync(src, { withFileTypes: true })) {
      const name = path.join(shown, entry.name);
      if (NEVER.has(entry.name)) continue;
      const full = path.join(src, entry.name);
      const stat = fs.lstatSync(full);
      if (stat.isDirectory()) walk(full, path.join(dest, entry.name), name);
      else if (!stat.isFile()) result.skipped.push(`${name} (${stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'})`);
      else if (result.files >= limits.files || result.bytes + stat.size > limits.bytes)
        result.skipped.push(`${name} (over the size limit)`);
      else {
        fs.copyFileSync(full, path.join(dest, entry.name), fs.constants.COPYFILE_EXCL);
        result.files += 1;
        result.bytes += stat.size;
      }
    }
  };
  const stat = fs.lstatSync(from);
  if (stat.isFile()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    return { files: 1, bytes: stat.size, skipped: [] };
  }
  if (!stat.isDirectory()) return { ...result, skipped: [`${path.basename(from)} (a symbolic link or not a regular file)`] };
  walk(from, to, '');
  return result;
}
