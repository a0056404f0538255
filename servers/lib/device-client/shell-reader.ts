import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * An IOS prompt at the very end of the output: a hostname, an optional `(config…)` mode, then
 * `>` (user EXEC) or `#` (privileged). Anchored at the end so a `#` inside output never counts.
 */
export const PROMPT = /(?:^|\n)([A-Za-z0-9][\w.-]{0,62})(\(config[^)\s]*\))?([>#])[ \t]*$/;
/** The question `enable` asks. */
export const PASSWORD_PROMPT = /(?:^|\n)[Pp]assword: ?$/;

/** Why a read ended without its pattern. */
export class ShellReadError extends Error {
  constructor(
    readonly reason: 'timeout' | 'closed',
    readonly received: number,
  ) {
    super(reason === 'timeout' ? 'no prompt before the timeout' : 'the session closed');
    this.name = 'ShellReadError';
  }
}

interface Waiter {
  patterns: RegExp[];
  /** Set when more commands were written ahead: the answer ends at the prompt this command's echo follows. */
  nextCommand?: string;
  resolve(text: string): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Collects what an interactive shell prints and hands it out "up to the next prompt", the way
 * Netmiko's read_until_pattern does. Line endings are normalised to `\n`.
 */
export class ShellReader {
  private buffer = '';
  private waiter: Waiter | undefined;
  private ended = false;
  // A multi-byte character or a `\r\n` pair may be split across two chunks.
  private readonly decoder = new StringDecoder('utf8');
  private pendingCr = false;
  /** Bytes received in total, for DEVICE_COMMAND's `bytes`. */
  received = 0;

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      let text = (this.pendingCr ? '\r' : '') + this.decoder.write(chunk);
      this.pendingCr = text.endsWith('\r');
      if (this.pendingCr) text = text.slice(0, -1);
      this.buffer += text.replace(/\r\n|\r/g, '\n');
      this.check();
    });
    stream.once('close', () => this.end());
    stream.once('end', () => this.end());
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Drops anything unread (a late syslog line, a stray newline) before a new command. */
  discard(): void {
    this.buffer = '';
  }

  /**
   * Resolves with everything received once the last line matches one of `patterns` (prompts);
   * rejects on timeout or when the session closes first.
   */
  read(patterns: RegExp[], timeoutMs: number): Promise<string> {
    return this.wait({ patterns }, timeoutMs);
  }

  /**
   * One answer of commands written together: everything up to the prompt that `nextCommand`'s
   * echo follows (`Router1#show ip interface brief`), which stays unread for the next call. The
   * last command has no next one: its answer ends at the prompt at the end, as with `read`.
   */
  readAnswer(nextCommand: string | undefined, timeoutMs: number): Promise<string> {
    return this.wait({ patterns: [PROMPT], ...(nextCommand !== undefined && { nextCommand }) }, timeoutMs);
  }

  private wait(until: Pick<Waiter, 'patterns' | 'nextCommand'>, timeoutMs: number): Promise<string> {
    if (this.waiter) return Promise.reject(new Error('ShellReader: one read at a time'));
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => this.finish(new ShellReadError('timeout', this.received)), timeoutMs);
      this.waiter = { ...until, resolve, reject, timer };
      this.check();
    });
  }

  /** Where the answer before `nextCommand`'s echo ends (just after its prompt), if it has arrived. */
  private answerEnd(nextCommand: string): number | undefined {
    const echo = `${nextCommand}\n`;
    for (let at = this.buffer.indexOf(echo); at !== -1; at = this.buffer.indexOf(echo, at + 1)) {
      const lineStart = this.buffer.lastIndexOf('\n', at - 1) + 1;
      if (PROMPT.test(this.buffer.slice(lineStart, at))) return at;
    }
    return undefined;
  }

  private check(): void {
    if (!this.waiter) return;
    const end = this.waiter.nextCommand === undefined ? undefined : this.answerEnd(this.waiter.nextCommand);
    if (end !== undefined) {
      const text = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end);
      this.finish(undefined, text);
      return;
    }
    // Prompts are the last line, so only that line is tested: a long output costs no rescans.
    const lastLine = this.buffer.slice(Math.max(0, this.buffer.lastIndexOf('\n')));
    if (this.waiter.patterns.some((p) => p.test(lastLine))) {
      const text = this.buffer;
      this.buffer = '';
      this.finish(undefined, text);
    } else if (this.ended) {
      this.finish(new ShellReadError('closed', this.received));
    }
  }

  private end(): void {
    this.ended = true;
    this.check();
  }

  private finish(err: Error | undefined, text = ''): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    if (err) waiter.reject(err);
    else waiter.resolve(text);
  }
}
