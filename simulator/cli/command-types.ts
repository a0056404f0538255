import type { DeviceState } from '../device-state';

/** CLI modes, each with its own prompt suffix. */
export type CliMode = 'user' | 'exec' | 'config' | 'config-if';

/** What a command may do to the session that runs it. */
export interface SessionControl {
  readonly mode: CliMode;
  readonly user: string;
  /** Where the user came from, for CONFIG_I: `127.0.0.1`. */
  readonly source: string;
  /** The vty line, for CONFIG_I: `vty0`. */
  readonly line: string;
  /** The interface a `config-if` session is editing. */
  readonly interfaceName: string | undefined;
  readonly terminal: { length: number; width: number; monitor: boolean };
  /** The privilege level now: the user's own at `>`, 15 after `enable`. */
  readonly privilege: number;
  /** When the session started, for `show terminal`. */
  readonly startedAt: number;
  /** Lines entered at the exec prompts, oldest first, as `show history` lists them. */
  history(): readonly string[];
  setMode(mode: CliMode, interfaceName?: string): void;
  setTerminal(settings: Partial<{ length: number; width: number; monitor: boolean }>): void;
  /** Asks a question (e.g. `Password: `); the next line answered goes to `onAnswer`. */
  ask(prompt: string, echo: boolean, onAnswer: (answer: string) => CommandResult): void;
  /** Records a security event (a wrong enable secret) without any secret in it. */
  securityEvent(reason: string): void;
  /** Ends the session after this command's output. */
  close(): void;
  /** Runs an exec command line from config mode (`do show ...`), at column `offset`. */
  runExec(line: string, offset: number): CommandResult;
  /**
   * Runs a line in `mode` for `as` (a configuration file's own session, so a file never moves
   * the user's prompt); `outcome` is `ok`, `invalid`, `incomplete`, `ambiguous` or `empty`.
   */
  runLineAs(as: SessionControl, mode: CliMode, line: string): { lines: string[]; outcome: string };
}

/** A syntax error found by a command itself (bad address, unknown interface): caret at offset. */
export class InvalidInput {
  constructor(readonly offset: number) {}
}

/** Lines to print (without line ends), or a caret error. */
export type CommandResult = void | string[] | InvalidInput;

/** Parsed arguments: values by name, plus where each started in the line (for carets). */
export interface CommandArgs {
  values: Record<string, string>;
  offsets: Record<string, number>;
}

export type CommandHandler = (state: DeviceState, session: SessionControl, args: CommandArgs) => CommandResult;

/**
 * A command by pattern. Words are keywords (matched by unique prefix); `<interface:if>`,
 * `<word:name>`, `<line:text>` (rest of line), `<secret:text>` (rest of line, never logged: a
 * password, a secret, a key), `<ipv4:addr>`, `<mask:mask>`, `<0-512:n>` are parameters.
 */
export interface CommandDef {
  pattern: string;
  /** 1: available at `>`; 15: only after enable. */
  privilege: 1 | 15;
  /** Accepts `| include`, `| section` ... */
  filterable?: boolean;
  run: CommandHandler;
}
