import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventLogger } from '../../../common/logging/create-logger';
import { AppError } from '../errors';
import type { KnownHosts } from './known-hosts';
import type { SshShell } from './connect-ssh';
import { PROMPT, ShellReader } from './shell-reader';
import { translateSshError } from './translate-ssh-error';
import { refusalIn, refuseControlCharacters, stripEchoAndPrompt } from './cli-output';
import { publishDeviceActivity } from '../observe/device-activity';
import { msSince } from '../ms-since';

/** Timeouts (DEVICE_CONNECT_TIMEOUT_MS, DEVICE_COMMAND_TIMEOUT_MS), trusted host keys, and where DEVICE_* lines go. */
export interface DeviceSessionOptions {
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  knownHosts: KnownHosts;
  logger?: EventLogger;
}

/**
 * One interactive CLI session on one logged-in device (open one with `openDeviceSession`): each
 * command is written and its answer read up to the next prompt, the way network automation
 * libraries drive a CLI. Calls are serialised.
 */
export class DeviceSession {
  /** The prompt's hostname, e.g. `Router1`. */
  hostname = '';
  private chain: Promise<unknown> = Promise.resolve();
  private destroyed = false;
  private readonly reader: ShellReader;

  constructor(
    readonly spec: DeviceSpec,
    private readonly options: DeviceSessionOptions,
    private readonly conn: SshShell,
  ) {
    this.reader = new ShellReader(conn.shell);
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
    refuseControlCharacters(commands, this.spec.name);
    return this.serial(async () => {
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
      } catch (err) {
        throw this.failed(err, commands[answers.length]);
      }
      return answers.map((raw, i) => this.checked(commands[i]!, raw));
    });
  }

  /** `configure terminal`, each line, `end`; stops at (and reports) the first line IOS refuses. */
  async sendConfig(lines: readonly string[]): Promise<string> {
    refuseControlCharacters(lines, this.spec.name);
    return this.serial(async () => {
      const outputs: string[] = [];
      await this.exchange('configure terminal', [PROMPT]);
      try {
        for (const line of lines) outputs.push(this.checked(line, await this.exchange(line, [PROMPT])));
      } finally {
        if (this.alive) await this.exchange('end', [PROMPT]);
      }
      return outputs.filter((o) => o !== '').join('\n');
    });
  }

  /** Leaves politely (`exit`) and closes the connection. */
  async close(): Promise<void> {
    if (this.alive) this.conn.shell.end('exit\n');
    this.destroy();
  }

  /** Drops the connection at once (a failed login, a stalled session). */
  destroy(): void {
    this.destroyed = true;
    this.conn.shell.destroy();
    this.conn.socket.destroy();
    this.conn.ssh.dispose();
  }

  /**
   * Writes one line (none for the login banner) and reads to one of `patterns`, for dialogues
   * that are not a command and its output (the login, configuration mode); never logs `logAs`'s text.
   */
  async exchange(line: string | undefined, patterns: RegExp[], logAs = line): Promise<string> {
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

  /** A DEVICE_ERROR line for this device. */
  logError(err: AppError, command: string | undefined): void {
    this.options.logger?.log('DEVICE_ERROR', { device: this.spec.name, command, code: err.code, error: err.message });
  }

  /** DEVICE_COMMAND, and the text the terminal showed for watchers (the live view), never a secret typed at a prompt. */
  private report(line: string, logAs: string | undefined, raw: string, started: bigint, bytes: number): void {
    this.options.logger?.log('DEVICE_COMMAND', { device: this.spec.name, command: logAs, duration_ms: msSince(started), bytes });
    const output = logAs === line ? raw : undefined;
    publishDeviceActivity({ type: 'command', device: this.spec.name, command: logAs ?? '', output, durationMs: msSince(started) });
  }

  /** A stalled or dropped session is in an unknown state: drop it so the next event starts clean. */
  private failed(err: unknown, logAs: string | undefined): AppError {
    this.destroy();
    const { name, host, port } = this.spec;
    const translated = translateSshError(err, { device: name, host, port, command: logAs, timeoutMs: this.options.commandTimeoutMs });
    this.logError(translated, logAs);
    publishDeviceActivity({
      type: 'command-failed',
      device: name,
      command: logAs ?? '(login)',
      code: translated.code,
      message: translated.message,
    });
    return translated;
  }

  /** The output without echo and prompt; DEVICE_REJECTED when IOS refused the command. */
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

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }
}
