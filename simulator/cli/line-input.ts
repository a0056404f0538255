/** What a keystroke means for the session. */
export type InputAction =
  | { kind: 'echo'; text: string }
  | { kind: 'enter'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'end'; line: string }
  /** `?` (help) and Tab (completion) need the command tree; the session answers them. */
  | { kind: 'help'; line: string }
  | { kind: 'complete'; line: string }
  | { kind: 'none' };

/** IOS accepts long lines, but not without bound: a flood of bytes must not grow memory. */
export const MAX_LINE = 4096;
/** Lines kept for the arrow keys and `show history` (IOS: `terminal history size 20`). */
export const HISTORY_SIZE = 20;

/**
 * The line editor of a terminal session: printable characters, Backspace/Delete, Ctrl-U,
 * Ctrl-W, Ctrl-C, Ctrl-Z, and arrow-key history; escape sequences and other control or
 * non-ASCII bytes are swallowed, so garbage input never reaches the parser.
 */
export class LineInput {
  current = '';
  private escape: 'none' | 'esc' | 'csi' | 'ss3' = 'none';
  private readonly history: string[] = [];
  private historyAt = 0;

  /** Appends text (a Tab completion) as if typed. */
  append(text: string): void {
    this.current = (this.current + text).slice(0, MAX_LINE);
  }

  /**
   * One keystroke. `command`: the line is a command, so `?` asks for help and Tab completes;
   * an answer to a question (banner text) takes `?` as a character.
   */
  feed(ch: string, echo: boolean, command = true): InputAction {
    if (this.escape !== 'none') return this.escapeChar(ch);
    const code = ch.charCodeAt(0);
    switch (ch) {
      case '\r':
      case '\n':
        return this.enter(echo);
      case '\x7f':
      case '\b':
        return this.erase(1, echo);
      case '\x15':
        return this.erase(this.current.length, echo);
      case '\x17':
        return this.erase(this.current.length - this.current.replace(/\S+\s*$/, '').length, echo);
      case '\x03':
        this.current = '';
        return { kind: 'interrupt' };
      case '\x1a': {
        const line = this.current;
        this.current = '';
        return { kind: 'end', line };
      }
      case '\x1b':
        this.escape = 'esc';
        return { kind: 'none' };
      case '?':
        if (echo && command) return { kind: 'help', line: this.current };
        break;
      case '\t':
        return echo && command ? { kind: 'complete', line: this.current } : { kind: 'none' };
    }
    if (code < 0x20 || code > 0x7e || this.current.length >= MAX_LINE) return { kind: 'none' };
    this.current += ch;
    return echo ? { kind: 'echo', text: ch } : { kind: 'none' };
  }

  private enter(echo: boolean): InputAction {
    const line = this.current;
    this.current = '';
    // Answers typed without echo (secrets) are never kept in the history.
    if (echo && line.trim() !== '' && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > HISTORY_SIZE) this.history.shift();
    }
    this.historyAt = this.history.length;
    return { kind: 'enter', line };
  }

  private erase(count: number, echo: boolean): InputAction {
    const n = Math.min(count, this.current.length);
    if (n <= 0) return { kind: 'none' };
    this.current = this.current.slice(0, this.current.length - n);
    return echo ? { kind: 'echo', text: '\b \b'.repeat(n) } : { kind: 'none' };
  }

  private escapeChar(ch: string): InputAction {
    if (this.escape === 'esc') {
      this.escape = ch === '[' ? 'csi' : ch === 'O' ? 'ss3' : 'none';
      return { kind: 'none' };
    }
    const code = ch.charCodeAt(0);
    // CSI parameters run until a final byte in 0x40–0x7e; SS3 is one byte.
    if (this.escape === 'csi' && (code < 0x40 || code > 0x7e)) return { kind: 'none' };
    this.escape = 'none';
    if (ch === 'A') return this.recall(-1);
    if (ch === 'B') return this.recall(1);
    return { kind: 'none' };
  }

  private recall(step: number): InputAction {
    const at = Math.min(this.history.length, Math.max(0, this.historyAt + step));
    if (at === this.historyAt) return { kind: 'none' };
    this.historyAt = at;
    const erase = '\b \b'.repeat(this.current.length);
    this.current = this.history[at] ?? '';
    return { kind: 'echo', text: erase + this.current };
  }
}
