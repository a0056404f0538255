import fs from 'node:fs';
import path from 'node:path';

/** Where the grader can read what the graded servers logged. */
export interface ServerLogSource {
  /** The LOG_DIR the servers were started with (every file under it is read). */
  dir?: string;
  /** What the servers printed, when the grader started them itself (`npm run check`). */
  output?: () => string;
}

/** What the servers logged while they were graded. */
export interface ServerLog {
  /** Where it was read, for a reason: "LOG_DIR /tmp/… and the server's output". */
  where: string;
  /** The text logged since the watch began (files that were there before: only what was appended). */
  read(): string;
}

// A log is text: a few MB is far more than grading writes; a server logging more is cut off here.
const MAX_BYTES_PER_FILE = 4 * 1024 * 1024;
const MAX_FILES = 200;

/** Every file under dir (a few levels deep), with its size now. */
function sizes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const visit = (d: string, depth: number): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return; // not there (yet), or not readable: nothing logged there
    }
    for (const e of entries) {
      if (found.size >= MAX_FILES) return;
      const p = path.join(d, e.name);
      if (e.isDirectory() && depth < 3) visit(p, depth + 1);
      else if (e.isFile()) found.set(p, fs.statSync(p, { throwIfNoEntry: false })?.size ?? 0);
    }
  };
  visit(dir, 0);
  return found;
}

/** Reads `file` from byte `from` (from 0 again when it shrank: rotated or truncated). */
function readFrom(file: string, from: number): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    const start = size < from ? 0 : from;
    const length = Math.min(size - start, MAX_BYTES_PER_FILE);
    const buffer = Buffer.alloc(Math.max(length, 0));
    fs.readSync(fd, buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Starts watching the servers' log: what is there now is left out, so a folder shared with
 * earlier runs (a `--serve` world graded twice) only shows what this run caused.
 */
export function watchServerLog(source: ServerLogSource): ServerLog {
  const before = source.dir ? sizes(source.dir) : new Map<string, number>();
  const where = [source.dir && `LOG_DIR ${source.dir}`, source.output && "the server's output"].filter(Boolean).join(' and ');
  return {
    where: where || 'no log the grader can read',
    read() {
      const files = source.dir ? [...sizes(source.dir).keys()] : [];
      const texts = files.map((f) => readFrom(f, before.get(f) ?? 0));
      return [...texts, source.output?.() ?? ''].join('\n');
    },
  };
}
