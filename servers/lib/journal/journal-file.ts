import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only JSON-lines file shared by every server writing to the same LOG_DIR.
 *
 * Appends are group-committed: every line queued during one turn of the event loop goes out at
 * the end of that turn (setImmediate) in a single write(2) with O_APPEND, and every request
 * waiting on those lines is answered after it. Many processes can append without interleaving
 * inside a line, and a burst of requests costs one syscall rather than one each. The write is
 * synchronous: a write to the page cache takes a few µs, while handing it to libuv's thread
 * pool cost the event loop ~20 µs per write here (the pool thread's wake-up), more than the
 * write itself (bench/README.md). A batch's promise resolves once its lines have reached the
 * kernel, which is enough to survive a crash of this process; fdatasync runs on a timer and on
 * close, not per request.
 */
const CHECK_EVERY_MS = 1000;

/** The lines of one turn and the promise every request waiting on them shares. */
interface Batch {
  lines: string[];
  written: Promise<void>;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class JournalFile {
  private fd: number;
  private inode: number;
  private batch: Batch | undefined;
  private dirty = false;
  private closed = false;
  private readonly syncTimer: NodeJS.Timeout;
  /** The file's size as this process last saw it, plus what it appended since. */
  private size = 0;
  private checkedAt = 0;

  constructor(
    readonly file: string,
    private readonly maxBytes: number,
    syncEveryMs = 1000,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'a');
    const stat = fs.fstatSync(this.fd);
    this.inode = stat.ino;
    this.size = stat.size;
    this.syncTimer = setInterval(() => this.syncNow(), syncEveryMs);
    this.syncTimer.unref();
  }

  /** Queues one line (no newline inside); resolves when it is written, with the rest of its turn's lines. */
  append(line: string): Promise<void> {
    // After close the descriptor's number may already belong to another file: never write to it.
    if (this.closed) return Promise.reject(new Error(`${this.file} is closed`));
    this.batch ??= this.newBatch();
    this.batch.lines.push(line);
    return this.batch.written;
  }

  private newBatch(): Batch {
    let resolve!: () => void;
    let reject!: (err: Error) => void;
    const written = new Promise<void>((yes, no) => {
      resolve = yes;
      reject = no;
    });
    setImmediate(this.writeBatch);
    return { lines: [], written, resolve, reject };
  }

  /** The end of a turn: this turn's lines, one write. */
  private readonly writeBatch = (): void => {
    const batch = this.batch;
    if (!batch) return;
    this.batch = undefined;
    const data = Buffer.from(batch.lines.join('\n') + '\n');
    try {
      this.rotateIfNeeded(data.length);
    } catch {
      // Rotation is housekeeping: if it fails, keep appending to the current file.
    }
    try {
      // A regular file takes the whole buffer unless the disk is full, which throws on the next round.
      for (let done = 0; done < data.length;) done += fs.writeSync(this.fd, data, done, data.length - done);
      this.dirty = true;
      batch.resolve();
    } catch (err) {
      batch.reject(err as Error);
    }
  };

  /**
   * Keeps the file bounded: past maxBytes it becomes `<name>.1` (the previous `.1` is dropped).
   * Another process may have rotated first, so a changed inode means: reopen, don't rotate.
   * The file is looked at (stat) when this process's own count says it may be full, and at most
   * every CHECK_EVERY_MS otherwise to see other writers' appends and rotations: a stat per
   * write was ~5% of a busy server's time.
   */
  private rotateIfNeeded(incoming: number): void {
    const now = Date.now();
    if (this.size + incoming <= this.maxBytes && now - this.checkedAt < CHECK_EVERY_MS) {
      this.size += incoming;
      return;
    }
    this.checkedAt = now;
    const onDisk = fs.statSync(this.file, { throwIfNoEntry: false });
    if (!onDisk || onDisk.ino !== this.inode) {
      this.reopen();
    } else if (onDisk.size + incoming > this.maxBytes) {
      fs.renameSync(this.file, `${this.file}.1`);
      this.reopen();
    } else {
      this.size = onDisk.size;
    }
    this.size += incoming;
  }

  private reopen(): void {
    fs.closeSync(this.fd);
    this.fd = fs.openSync(this.file, 'a');
    const stat = fs.fstatSync(this.fd);
    this.inode = stat.ino;
    this.size = stat.size;
  }

  private syncNow(): void {
    if (!this.dirty) return;
    this.dirty = false;
    fs.fdatasync(this.fd, () => undefined);
  }

  /** Writes queued lines, syncs to disk and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.syncTimer);
    this.writeBatch();
    fs.fdatasyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}

/**
 * Reads every complete JSON line of a journal (the rotated `.1` first). A torn last line — the
 * process died mid-write — or any unreadable line is skipped, never fatal.
 */
export function readJournalLines(file: string): unknown[] {
  const entries: unknown[] = [];
  for (const name of [`${file}.1`, file]) {
    let text: string;
    try {
      text = fs.readFileSync(name, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        entries.push(JSON.parse(line));
      } catch {
        // a torn or foreign line: skip it
      }
    }
  }
  return entries;
}
