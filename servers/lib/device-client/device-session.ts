import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventLogger } from '../../../common/logging/create-logger';
import { AppError } from '../errors';
import type { KnownHosts } from './known-hosts';
import { connectSsh, type SshShell } from './connect-ssh';
import { PASSWORD_PROMPT, PROMPT, ShellReader } from './shell-reader';
import { translateSshError } from './translate-ssh-error';
import { refusalIn, stripEchoAndPrompt } from './cli-output';
import { publishDeviceActivity } from '../observe/device-activity';
import { msSince } from '../ms-since';

const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/** Timeouts (DEVICE_CONNECT_TIMEOUT_MS, DEVICE_COMMAND_TIMEOUT_MS), trusted host keys, and where DEVICE_* lines go. */
export interface DeviceSessionOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  knownHosts: KnownHosts;
  logger?: EventLogger;
}

/**
 * One interactive CLI session on one device, driven the way network automation libraries do:
 * find the prompt, `terminal length 0`, `enable` when the login lands at `>`, then each command
 * is written and its answer read up to the next prompt. Calls are serialised.
 */
export class DeviceSession {
  /** The prompt's hostname, e.g. `Router1`. */
  hostname = '';
  private chain: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  private readonly reader: ShellReader;

  private constructor(
    readonly spec: DeviceSpec,
    private readonly options: DeviceSessionOptions,
    private readonly conn: SshShell,
  ) {
    this.reader = new ShellReader(conn.shell);
  }

  /** Connects, logs in, prepares the terminal; throws DEVICE_* errors. */
  static async open(spec: DeviceSpec, options: DeviceSessionOptions): Promise<DeviceSession> {
    const started = process.hrtime.bigint();
    const conn = await connectSsh(spec, options).catch((err: AppError) => {
      options.logger?.log('DEVICE_ERROR', { device: spec.name, host: spec.host, port: spec.port, code: err.code, error: err.message });
      publishDeviceActivity({
        type: 'connect-failed',
        device: spec.name,
        host: spec.host,
        port: spec.port,
        code: err.code,
        message: err.message,
      });
      throw err;
    });
    const session = new DeviceSession(spec, options, conn);
    publishDeviceActivity({
      type: 'connected',
      device: spec.name,
      username: spec.username,
      host: spec.host,
      port: spec.port,
      hostKey: conn.hostKey === 'new' ? 'new' : 'known',
      durationMs: msSince(started),
    });
    try {
      const first = await session.step(undefined, [PROMPT], 'login');
      const prompt = PROMPT.exec(first)!;
      session.hostname = prompt[1]!;
      await session.step('terminal length 0', [PROMPT]);
      await session.step('terminal width 511', [PROMPT]);
      if (prompt[3] === '>') await session.enable();
    } catch (err) {
      session.destroy();
      throw err;
    }
    options.logger?.log('DEVICE_CONNECT', {
      device: spec.name,
      host: spec.host,
      port: spec.port,
      user: spec.username,
      host_key: conn.hostKey === 'new' ? 'trusted-first-use' : 'known',
      duration_ms: msSince(started),
    });
    return session;
  }

  /** False once the session closed, timed out or was dropped: the pool then opens a new one. */
  get alive(): boolean {
    return !this.destroyed && !this.reader.closed;
  }

  /** Runs one exec command and answers its output; DEVICE_REJECTED if IOS refused it. */
  async sendCommand(command: string): Promise<string> {
    const [output] = await this.sendCommands([command]);
    return output!;
  }

  /**
   * Runs read-only exec commands written together, in one write: the device answers them in
   * turn and each answer is read up to its prompt, so N commands cost one round trip, not N.
   * Answers their outputs in order; DEVICE_REJECTED for the first one IOS refused (the others
   * ran too, which is why this is for commands that change nothing).
   */
  async sendCommands(commands: readonly string[]): Promise<string[]> {
    this.refuseControlCharacters(commands);
    return this.serial(async () => {
      const answers = await this.steps(commands);
      return answers.map((raw, i) => this.checked(commands[i]!, raw));
    });
  }

  /** `configure terminal`, each line, `end`; stops at (and reports) the first line IOS refuses. */
  async sendConfig(lines: readonly string[]): Promise<string> {
    this.refuseControlCharacters(lines);
    return this.serial(async () => {
      const outputs: string[] = [];
      await this.step('configure terminal', [PROMPT]);
      try {
        for (const line of lines) outputs.push(this.checked(line, await this.step(line, [PROMPT])));
      } finally {
        if (this.alive) await this.step('end', [PROMPT]);
      }
      return outputs.filter((o) => o !== '').join('\n');
    });
  }

  /**
   * One command is one line: a newline or carriage return inside it would make the CLI run a
   * second command nobody validated (`show clock\nconfigure terminal`), and other control
   * characters edit the line or leave a mode (Ctrl-Z is `end`). Refused before anything is sent.
   */
  private refuseControlCharacters(lines: readonly string[]): void {
    const bad = lines.find((line) => CONTROL_CHARACTER.test(line));
    if (bad === undefined) return;
    throw new AppError('DEVICE_REJECTED', `Refused to send a command containing a line break or control character to ${this.spec.name}.`, {
      details: [{ message: `command starting ${JSON.stringify(bad.slice(0, 40))}` }],
    });
  }

  /** Leaves politely (`exit`) and closes the connection. */
  async close(): Promise<void> {
    if (this.alive) this.conn.shell.end('exit\n');
    this.destroy();
  }

  private destroy(): void {
    this.destroyed = true;
    this.conn.shell.destroy();
    this.conn.socket.destroy();
    this.conn.ssh.dispose();
  }

  private async enable(): Promise<void> {
    const asked = await this.step('enable', [PROMPT, PASSWORD_PROMPT]);
    const answer = PASSWORD_PROMPT.test(asked)
      ? await this.step(this.spec.enableSecret, [PROMPT, PASSWORD_PROMPT], 'enable secret')
      : asked;
    if (!PROMPT.exec(answer) || PROMPT.exec(answer)![3] !== '#') {
      const err = new AppError('DEVICE_AUTH_FAILED', `${this.spec.name} refused the enable secret: check DEVICE_ENABLE_SECRET.`);
      this.logError(err, 'enable');
      throw err;
    }
  }

  /** Writes one line (none for the login banner) and reads to one of `patterns`; never logs `logAs`'s text. */
  private async step(line: string | undefined, patterns: RegExp[], logAs = line): Promise<string> {
    const started = process.hrtime.bigint();
    const before = this.reader.received;
    try {
      if (line !== undefined) {
        this.reader.discard();
        this.conn.shell.write(`${line}\n`);
      }
      const raw = await this.reader.read(patterns, this.options.commandTimeoutMs);
      if (line !== undefined) this.report(line, logAs, raw, started, this.reader.received - before);
      return raw;
    } catch (err) {
      throw this.failed(err, logAs);
    }
  }

  /** Writes `commands` at once and reads their answers in turn, each up to its prompt. */
  private async steps(commands: readonly string[]): Promise<string[]> {
    const started = process.hrtime.bigint();
    const answers: string[] = [];
    try {
      this.reader.discard();
      this.conn.shell.write(commands.map((command) => `${command}\n`).join(''));
      for (const [i, command] of commands.entries()) {
        const raw = await this.reader.readAnswer(commands[i + 1], this.options.commandTimeoutMs);
        // Written together, so each one's time runs from the write; its bytes are those of its answer.
        this.report(command, command, raw, started, Buffer.byteLength(raw));
        answers.push(raw);
      }
      return answers;
    } catch (err) {
      throw this.failed(err, commands[answers.length]);
    }
  }

  /** DEVICE_COMMAND, and the text the terminal showed for watchers (the live view), never a secret typed at a prompt. */
  private report(line: string, logAs: string | undefined, raw: string, started: bigint, bytes: number): void {
    this.options.logger?.log('DEVICE_COMMAND', { device: this.spec.name, command: logAs, duration_ms: msSince(started), bytes });
    publishDeviceActivity({
      type: 'command',
      device: this.spec.name,
      command: logAs ?? '',
      output: logAs === line ? raw : undefined,
      durationMs: msSince(started),
    });
  }

  /** A stalled or dropped session is in an unknown state: drop it so the next event starts clean. */
  private failed(err: unknown, logAs: string | undefined): AppError {
    this.destroy();
    const translated = translateSshError(err, {
      device: this.spec.name,
      host: this.spec.host,
      port: this.spec.port,
      command: logAs,
      timeoutMs: this.options.commandTimeoutMs,
    });
    this.logError(translated, logAs);
    publishDeviceActivity({
      type: 'command-failed',
      device: this.spec.name,
      command: logAs ?? '(login)',
      code: translated.code,
      message: translated.message,
    });
    return translated;
  }

  private checked(command: string, raw: string): string {
    const output = stripEchoAndPrompt(raw, command);
    const refused = refusalIn(output);
    if (refused === undefined) return output;
    const err = new AppError('DEVICE_REJECTED', `${this.spec.name} rejected "${command}": ${refused}`, {
      details: [{ message: output.trim().slice(0, 500) }],
    });
    this.logError(err, command);
    throw err;
  }

  private logError(err: AppError, command: string | undefined): void {
    this.options.logger?.log('DEVICE_ERROR', { device: this.spec.name, command, code: err.code, error: err.message });
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
