import fs from 'node:fs';
import winston from 'winston';
import type TransportStream from 'winston-transport';

/** Where a batch of lines goes: stdout, a file. */
export interface LineSink {
  write(chunk: string): void;
  /** Last resort when the process is exiting: write now, synchronously. */
  writeSync(chunk: string): void;
  /** Resolves once everything written so far has reached the kernel. */
  end(): Promise<void>;
}

const MESSAGE = Symbol.for('message');
// winston's own base class for transports (winston-transport, re-exported by winston at run time).
const Transport = (winston as unknown as { Transport: typeof TransportStream }).Transport;

/** Lines wait at most this long before they are written… */
export const FLUSH_EVERY_MS = 20;
/** …or until this many characters are pending. */
const FLUSH_AT_CHARS = 64 * 1024;

// Transports with lines pending, written synchronously if the process exits first (an uncaught
// exception, process.exit): the last lines before a crash are the ones worth reading.
const pending = new Set<LineBatchTransport>();
let exitHookInstalled = false;
function flushAllSync(): void {
  for (const transport of pending) transport.flushSync();
}

/**
 * A winston transport that writes lines in batches, in order, one event per line: at most
 * FLUSH_EVERY_MS after the first pending line, one chunk per sink (console, file). Under load a
 * webhook server logs twice per request, and a write(2) per line to a piped stdout and to the
 * log file cost more than everything else the server does for a request beyond bare Express.
 * Lines are flushed when the logger closes, and synchronously if the process exits.
 */
export class LineBatchTransport extends Transport {
  private lines: string[] = [];
  private chars = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly sinks: readonly LineSink[]) {
    super();
  }

  override log(info: Record<string | symbol, unknown>, callback: () => void): void {
    const line = String(info[MESSAGE] ?? info.message);
    this.lines.push(line);
    this.chars += line.length + 1;
    if (this.chars >= FLUSH_AT_CHARS) {
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), FLUSH_EVERY_MS);
      this.timer.unref();
      pending.add(this);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once('exit', flushAllSync);
      }
    }
    callback();
  }

  /** Writes the pending lines now. */
  flush(): void {
    const chunk = this.take();
    if (chunk !== undefined) for (const sink of this.sinks) sink.write(chunk);
  }

  /** Writes the pending lines now, synchronously (the process is exiting). */
  flushSync(): void {
    const chunk = this.take();
    if (chunk !== undefined) for (const sink of this.sinks) sink.writeSync(chunk);
  }

  private take(): string | undefined {
    clearTimeout(this.timer);
    this.timer = undefined;
    pending.delete(this);
    if (this.lines.length === 0) return undefined;
    const chunk = this.lines.join('\n') + '\n';
    this.lines = [];
    this.chars = 0;
    return chunk;
  }

  // Called when the logger ends: the last lines are written and every sink drained.
  override _final(callback: (err?: Error) => void): void {
    this.flush();
    Promise.all(this.sinks.map((s) => s.end())).then(() => callback(), callback);
  }
}

/**
 * Set once stdout failed (its reader went away: `npm run basic | head -1`, a launcher killed):
 * the console lines stop there, and the server and its file log go on. Without a listener, that
 * EPIPE would be an uncaught error event and take the server down.
 */
let stdoutGone = false;
let watchingStdout = false;

/** stdout as a sink; it is never closed, only drained. */
export function stdoutSink(): LineSink {
  const stream = process.stdout;
  if (!watchingStdout) {
    watchingStdout = true;
    stream.on('error', () => {
      stdoutGone = true;
    });
  }
  return {
    write: (chunk) => {
      if (!stdoutGone) stream.write(chunk);
    },
    writeSync: (chunk) => {
      if (stdoutGone) return;
      try {
        fs.writeSync(1, chunk);
      } catch {
        // stdout closed: nothing left to tell
      }
    },
    end: () =>
      new Promise<void>((resolve) => (!stdoutGone && stream.writableNeedDrain ? stream.once('drain', () => resolve()) : resolve())),
  };
}
