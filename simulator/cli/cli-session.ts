import type { DeviceState } from '../device-state';
import type { CliMode, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import { loggedLine, runLine, type LineOutcome } from './run-line';
import { endConfig } from './config-commands';
import { HISTORY_SIZE, LineInput, type InputAction } from './line-input';
import { commandTree } from './command-table';
import { completeWord, helpFor } from './help-for';
import { Pager } from './pager';

export interface CliSessionOptions {
  state: DeviceState;
  user: string;
  /** The user's privilege level: 15 lands at `#`, anything lower at `>`. */
  privilege: number;
  source: string;
  /** `vty0`, `vty1` ... for CONFIG_I. */
  line: string;
  /** Every byte for the client goes through here; one call per batch of input. */
  write(text: string): void;
  /** Called once, after the last write, when the session ends (`exit`). */
  close(): void;
  /** A line was run: `command` as it may be logged (no secret in it), and how it went. */
  onCommand?(command: string, outcome: LineOutcome): void;
  onSecurity?(reason: string): void;
  /** Terminal rows from the pty request; becomes the page length until `terminal length`. */
  rows?: number;
  cols?: number;
}

const SUFFIX: Record<CliMode, string> = { user: '>', exec: '#', config: '(config)#', 'config-if': '(config-if)#' };

/**
 * One interactive IOS session over a byte stream. Everything produced while handling one chunk
 * of input — echo, output, the next prompt — is collected and written once, so a client that
 * reads "up to the prompt" always sees the prompt last.
 */
export class CliSession implements SessionControl {
  mode: CliMode;
  interfaceName: string | undefined;
  readonly terminal = { length: 24, width: 80, monitor: false };
  readonly startedAt: number;
  private lengthFixed = false;
  private readonly execHistory: string[] = [];
  private out = '';
  private busy = false;
  private lastCr = false;
  private closing = false;
  private closed = false;
  private question: { prompt: string; echo: boolean; onAnswer: (a: string) => CommandResult } | undefined;
  private readonly pager = new Pager();
  private readonly input = new LineInput();
  private readonly unsubscribe: () => void;

  constructor(private readonly options: CliSessionOptions) {
    this.mode = options.privilege === 15 ? 'exec' : 'user';
    this.startedAt = options.state.now();
    if (options.rows) this.terminal.length = options.rows;
    if (options.cols) this.terminal.width = options.cols;
    this.unsubscribe = options.state.subscribe((event) => {
      if (event.type === 'syslog' && this.terminal.monitor) this.monitor(event.line);
    });
  }

  get user(): string {
    return this.options.user;
  }
  get source(): string {
    return this.options.source;
  }
  get line(): string {
    return this.options.line;
  }
  get prompt(): string {
    return `${this.options.state.hostname}${SUFFIX[this.mode]}`;
  }
  /** At `>`: the user's own level, or 1 after `disable` from 15. */
  get privilege(): number {
    return this.mode !== 'user' ? 15 : this.options.privilege >= 15 ? 1 : this.options.privilege;
  }
  history(): readonly string[] {
    return this.execHistory;
  }

  /** The MOTD banner if one is configured, then the first prompt, as soon as the shell opens. */
  start(): void {
    const banner = this.options.state.settings.bannerMotd;
    this.options.write(`\r\n${banner === undefined ? '' : `${banner.replace(/\n/g, '\r\n')}\r\n`}${this.prompt}`);
  }

  /** Handles a chunk of keystrokes or a pasted/automated batch of lines. */
  receive(data: Buffer | string): void {
    if (this.closed) return;
    this.busy = true;
    try {
      const text = typeof data === 'string' ? data : data.toString('latin1');
      for (const ch of text) {
        if (this.closing) break;
        // `\r`, `\n` and `\r\n` are each one Enter, even when the pair is split across chunks.
        const lf = ch === '\n' && this.lastCr;
        this.lastCr = ch === '\r';
        if (lf) continue;
        if (this.pager.active) this.pageKey(ch);
        else this.act(this.input.feed(ch, this.question ? this.question.echo : true, !this.question));
      }
    } finally {
      this.busy = false;
      this.flush();
    }
  }

  /** A window-change: the page length follows the window unless set by `terminal length`. */
  resize(cols: number, rows: number): void {
    if (!this.lengthFixed && rows > 0) this.terminal.length = rows;
    if (cols > 0) this.terminal.width = cols;
  }

  /** Runs one command for an exec request; returns its output, no paging, no prompt. */
  runOnce(command: string): string {
    const logged = loggedLine(this.mode, command);
    const { lines, outcome } = runLine(this.options.state, this, this.mode, command, this.prompt.length);
    this.options.onCommand?.(logged, outcome);
    this.question = undefined;
    return lines.map((l) => `${l}\r\n`).join('');
  }

  dispose(): void {
    this.closed = true;
    this.unsubscribe();
  }

  // SessionControl, for commands.
  setMode(mode: CliMode, interfaceName?: string): void {
    this.mode = mode;
    this.interfaceName = mode === 'config-if' ? interfaceName : undefined;
  }
  setTerminal(settings: Partial<{ length: number; width: number; monitor: boolean }>): void {
    if (settings.length !== undefined) this.lengthFixed = true;
    Object.assign(this.terminal, settings);
  }
  ask(prompt: string, echo: boolean, onAnswer: (answer: string) => CommandResult): void {
    this.question = { prompt, echo, onAnswer };
  }
  securityEvent(reason: string): void {
    this.options.onSecurity?.(reason);
  }
  close(): void {
    this.closing = true;
  }
  runExec(line: string, offset: number): CommandResult {
    const { lines } = runLine(this.options.state, this, 'exec', line, this.prompt.length + offset);
    return lines;
  }
  runLineAs(as: SessionControl, mode: CliMode, line: string): { lines: string[]; outcome: string } {
    return runLine(this.options.state, as, mode, line, 0);
  }

  private act(action: InputAction): void {
    switch (action.kind) {
      case 'echo':
        this.out += action.text;
        return;
      case 'enter':
        this.out += '\r\n';
        this.enter(action.line);
        return;
      case 'interrupt':
        // Ctrl-C abandons the line (and a pending question); in config mode it also ends it.
        this.out += '^C\r\n';
        this.question = undefined;
        if (this.mode === 'config' || this.mode === 'config-if') endConfig(this.options.state, this);
        this.out += this.prompt;
        return;
      case 'end':
        // Ctrl-Z runs what was typed, then leaves configuration mode.
        if (this.mode !== 'config' && this.mode !== 'config-if') return;
        this.out += '^Z\r\n';
        if (action.line.trim() !== '')
          this.out += this.execute(action.line)
            .map((l) => `${l}\r\n`)
            .join('');
        if (this.mode === 'config' || this.mode === 'config-if') endConfig(this.options.state, this);
        this.out += this.prompt;
        return;
      case 'help': {
        // IOS answers `?` at once, then reprints the prompt and the line typed so far.
        const rows = helpFor(commandTree(this.mode), action.line) ?? ['% Unrecognized command'];
        this.out += `?\r\n${rows.map((r) => `${r}\r\n`).join('')}\r\n${this.prompt}${action.line}`;
        return;
      }
      case 'complete': {
        const rest = completeWord(commandTree(this.mode), action.line);
        if (rest) {
          this.input.append(rest);
          this.out += rest;
        }
        return;
      }
      case 'none':
        return;
    }
  }

  private enter(line: string): void {
    const question = this.question;
    this.question = undefined;
    const result = question ? question.onAnswer(line) : this.execute(line);
    const lines = result instanceof InvalidInput || !result ? [] : result;
    this.emitLines(lines);
  }

  private execute(line: string): string[] {
    if ((this.mode === 'user' || this.mode === 'exec') && line.trim() !== '') {
      this.execHistory.push(line.trim());
      if (this.execHistory.length > HISTORY_SIZE) this.execHistory.shift();
    }
    const logged = loggedLine(this.mode, line);
    const { lines, outcome } = runLine(this.options.state, this, this.mode, line, this.prompt.length);
    if (outcome !== 'empty') this.options.onCommand?.(logged, outcome);
    return lines;
  }

  /** Output, paged at `terminal length` like IOS (`--More--`), then the next prompt. */
  private emitLines(lines: string[]): void {
    const step = this.pager.show(lines, this.terminal.length);
    this.out += step.text;
    if (!step.more) this.promptNext();
  }

  private pageKey(ch: string): void {
    const step = this.pager.key(ch, this.terminal.length);
    this.out += step.text;
    if (!step.more) this.promptNext();
  }

  private promptNext(): void {
    if (this.closing) return;
    this.out += this.question ? this.question.prompt : this.prompt;
  }

  private monitor(line: string): void {
    if (this.busy) {
      this.out += `${line}\r\n`;
      return;
    }
    const tail = this.pager.active || this.question ? '' : `${this.prompt}${this.input.current}`;
    this.options.write(`\r\n${line}\r\n${tail}`);
  }

  private flush(): void {
    if (this.out !== '') {
      const text = this.out;
      this.out = '';
      if (!this.closed) this.options.write(text);
    }
    if (this.closing && !this.closed) {
      this.dispose();
      this.options.close();
    }
  }
}
