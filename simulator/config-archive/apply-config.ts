import type { DeviceState } from '../device-state';
import type { CliMode, CommandResult, SessionControl } from '../cli/command-types';
import { InvalidInput } from '../cli/command-types';
import type { ConfigNode } from './config-tree';
import type { ConfigChange } from './config-diff';

/**
 * The session a configuration file is applied through: the user's own (for names in logs and
 * `do`), but with a mode of its own, so applying a file never moves the user's prompt, and with
 * questions (a banner's further lines) answered from the file instead of the keyboard.
 */
class FileSession implements SessionControl {
  mode: CliMode = 'config';
  interfaceName: string | undefined;
  pending: ((answer: string) => CommandResult) | undefined;

  constructor(private readonly outer: SessionControl) {}

  get user(): string {
    return this.outer.user;
  }
  get source(): string {
    return this.outer.source;
  }
  get line(): string {
    return this.outer.line;
  }
  get terminal(): SessionControl['terminal'] {
    return this.outer.terminal;
  }
  get privilege(): number {
    return 15;
  }
  get startedAt(): number {
    return this.outer.startedAt;
  }
  history(): readonly string[] {
    return this.outer.history();
  }
  setMode(mode: CliMode, interfaceName?: string): void {
    // `end` or `exit` in a file ends nothing: the rest of the file is still configuration.
    this.mode = mode === 'exec' || mode === 'user' ? 'config' : mode;
    this.interfaceName = mode === 'config-if' ? interfaceName : undefined;
  }
  setTerminal(): void {
    // A file cannot change the user's terminal.
  }
  ask(_prompt: string, _echo: boolean, onAnswer: (answer: string) => CommandResult): void {
    this.pending = onAnswer;
  }
  securityEvent(reason: string): void {
    this.outer.securityEvent(reason);
  }
  close(): void {
    // Only the user's own `exit` ends the user's session.
  }
  runExec(): CommandResult {
    // `do` in a file is refused: `do copy` of the file itself would apply it again without end.
    return new InvalidInput(0);
  }
  runLineAs(as: SessionControl, mode: CliMode, line: string): { lines: string[]; outcome: string } {
    return this.outer.runLineAs(as, mode, line);
  }
  /** Runs one line of the file in this session's own mode. */
  run(line: string): { lines: string[]; outcome: string } {
    return this.outer.runLineAs(this, this.mode, line);
  }
}

/** What went wrong with one line: the line, then IOS's caret or message under it. */
export interface LineFailure {
  text: string;
  lines: string[];
}

/**
 * Runs configuration lines as if typed in `configure terminal`, collecting the lines that failed
 * (a caret error, or a `%` message) instead of stopping at them, as `copy FILE running-config` does.
 */
export class ConfigApplier {
  readonly failures: LineFailure[] = [];
  applied = 0;
  private readonly session: FileSession;

  constructor(
    private readonly state: DeviceState,
    outer: SessionControl,
  ) {
    this.session = new FileSession(outer);
  }

  /** Runs `text` at the global level, or under `parent` (`interface Gi1`); true when it took. */
  line(text: string, parent?: string, more: readonly string[] = []): boolean {
    this.session.setMode('config');
    if (parent !== undefined && !this.enter(parent)) return this.fail(text, []);
    return this.run(text, more);
  }

  /** Like `line`, but a refusal is not a failure: for trying the forms of a `no` command. */
  attempt(text: string, parent?: string): boolean {
    this.session.setMode('config');
    if (parent !== undefined && !this.enter(parent)) return false;
    return this.run(text, [], false);
  }

  /** Counts a line as failed without running it (a mode this simulator does not have). */
  reject(text: string): false {
    return this.fail(text, []);
  }

  /** A node as a file holds it: the command, then its submode's commands under it; true when all took. */
  node(node: ConfigNode): boolean {
    this.session.setMode('config');
    let ok = this.run(node.text, node.more ?? []);
    const entered = ok && this.session.mode === 'config-if';
    for (const child of node.children) {
      const took = entered && child.children.length === 0 ? this.run(child.text, child.more ?? []) : this.fail(child.text, []);
      ok = ok && took;
    }
    return ok;
  }

  /** Applies one line a diff found missing (with its submode's lines), under the line of its mode. */
  add(change: ConfigChange): boolean {
    if (change.context.length === 0) return this.node(change.node);
    // Modes within modes (`router bgp` / `address-family`) do not exist here.
    if (change.context.length > 1 || change.node.children.length > 0) return this.reject(change.node.text);
    return this.line(change.node.text, change.context[0], change.node.more ?? []);
  }

  /** The log line that closes a configuration session, naming where the configuration came from. */
  finish(from: string): void {
    this.state.endConfigSession(this.session.user, this.session.line, this.session.source, from);
  }

  /** The failures as IOS prints them: each line, then its error. */
  errorLines(): string[] {
    return this.failures.flatMap((f) => [f.text, ...f.lines]);
  }

  private enter(parent: string): boolean {
    const result = this.session.run(parent);
    return result.outcome === 'ok' && this.session.mode === 'config-if';
  }

  private run(text: string, more: readonly string[], record = true): boolean {
    const result = this.session.run(text);
    for (const next of more) {
      const answer = this.session.pending;
      this.session.pending = undefined;
      answer?.(next);
    }
    this.session.pending = undefined;
    const refused = result.outcome !== 'ok' || result.lines.some((l) => l.startsWith('%'));
    if (refused) return record ? this.fail(text, result.lines) : false;
    this.applied += 1;
    return true;
  }

  private fail(text: string, lines: string[]): false {
    this.failures.push({ text, lines: lines.length > 0 ? lines.filter((l) => l !== '') : ['% Invalid input detected.'] });
    return false;
  }
}
