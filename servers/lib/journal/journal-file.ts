import fs from 'node:fs';
import path from 'node:path';

/**
 * An append-only JSON-lines file shared by every server writing to the same LOG_DIR.
 *
 * Appends are grouped: lines queued while a write is under way go out together in the next
 * single write(2) with O_APPEND, so many processes can append without interleaving inside a
 * line, and a burst of requests costs a few syscalls rather than one each. A promise resolves
 * once its line has reached the kernel, which is enough to survive a crash of this process;
 * fdatasync runs on a timer and on close, not per request.
 */
const CHECK_EVERY_MS = 1000;

export class JournalFile {
  private fd: number;
  private inode: number;
  private queue: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private writing = false;
  private dirty = false;
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

  /** Queues one line (no newline inside); resolves when it is written. */
  append(line: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push(line + '\n');
      this.waiters.push({ resolve, reject });
      if (!this.writing) this.drain();
    });
  }

  private drain(): void {
    if (this.queue.length === 0) {
      this.writing = false;
      return;
    }
    this.writing = true;
    const data = Buffer.from(this.queue.join(''));
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    try {
      this.rotateIfNeeded(data.length);
    } catch {
      // Rotation is housekeeping: if it fails, keep appending to the current file.
    }
    fs.write(this.fd, data, 0, data.length, null, (err) => {
      this.dirty = true;
      for (const w of waiters) {
        if (err) w.reject(err);
        else w.resolve();
      }
      this.drain();
    });
  }

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
    if (!this.dirty || this.writing) return;
    this.dirty = false;
    fs.fdatasync(this.fd, () => undefined);
  }

  /** Waits for queued lines, syncs to disk and closes the file. */
  async close(): Promise<void> {
    clearInterval(this.syncTimer);
    while (this.writing || this.queue.length > 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
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
