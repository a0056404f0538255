import fs from 'node:fs';

/**
 * Reading a server's older journal lines from `events.jsonl.1` and `events.jsonl` (oldest
 * file first), for GET /events pages older than what memory holds. The files are read without
 * blocking and searched as bytes; only the lines a page needs are decoded, from the newest
 * back: a page deep in 20 MB of journal costs a byte search and its own lines, not a pass
 * over every line.
 *
 * `prefix` is how this server's lines start, `{"server":"basic","id":"` (JSON.stringify keeps
 * the entry's key order), so a line's id is read without parsing it, and a payload that
 * contains the same text is never taken for a line: matches count only at a line's start.
 */
const NEWLINE = 0x0a;

function readFiles(files: readonly string[]): Promise<Buffer[]> {
  return Promise.all(files.map((file) => fs.promises.readFile(file).catch(() => Buffer.alloc(0))));
}

/** Where the newest line of `id` starts in `bytes`, or -1. */
function lineStartOf(bytes: Buffer, prefix: string, id: string): number {
  // An id as JSON.stringify wrote it has no quote or backslash to escape (they are uuids).
  if (/["\\]/.test(id)) return -1;
  const head = `${prefix}${id}"`;
  const at = bytes.lastIndexOf(`\n${head}`);
  if (at !== -1) return at + 1;
  return bytes.subarray(0, Buffer.byteLength(head)).toString() === head ? 0 : -1;
}

/** The line from `start` as text if it is a complete line of this server (not another's, not torn), with its id. */
function lineAt(bytes: Buffer, start: number, end: number, prefix: string): { line: string; id: string } | undefined {
  const head = Buffer.byteLength(prefix);
  if (end - start <= head || bytes.toString('utf8', start, start + head) !== prefix) return undefined;
  const line = bytes.toString('utf8', start, end);
  if (!line.endsWith('}')) return undefined;
  return { line, id: line.slice(prefix.length, line.indexOf('"', prefix.length)) };
}

/**
 * Up to `count` lines older than the line of `before` (from the newest line when undefined),
 * newest first, each event once with its newest line, skipping ids `skip` says memory shows.
 */
export async function olderLines(
  files: readonly string[],
  prefix: string,
  count: number,
  before: string | undefined,
  skip: (id: string) => boolean,
): Promise<string[]> {
  const contents = await readFiles(files);
  const page: string[] = [];
  const seen = new Set<string>();
  let found = before === undefined;
  for (let f = contents.length - 1; f >= 0 && page.length < count; f -= 1) {
    const bytes = contents[f]!;
    let end = bytes.length;
    if (!found) {
      end = lineStartOf(bytes, prefix, before!);
      if (end === -1) continue;
      found = true;
    }
    while (end > 0 && page.length < count) {
      const lineEnd = bytes[end - 1] === NEWLINE ? end - 1 : end;
      const lineStart = lineEnd === 0 ? 0 : bytes.lastIndexOf(NEWLINE, lineEnd - 1) + 1;
      end = lineStart;
      const entry = lineAt(bytes, lineStart, lineEnd, prefix);
      if (entry === undefined || seen.has(entry.id) || skip(entry.id)) continue;
      seen.add(entry.id);
      page.push(entry.line);
    }
  }
  return page;
}

/** The newest line of event `id` in the files, if they still hold it. */
export async function lineOf(files: readonly string[], prefix: string, id: string): Promise<string | undefined> {
  const contents = await readFiles(files);
  for (let f = contents.length - 1; f >= 0; f -= 1) {
    const bytes = contents[f]!;
    const start = lineStartOf(bytes, prefix, id);
    if (start === -1) continue;
    const newline = bytes.indexOf(NEWLINE, start);
    const found = lineAt(bytes, start, newline === -1 ? bytes.length : newline, prefix);
    if (found?.id === id) return found.line;
  }
  return undefined;
}
