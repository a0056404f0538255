import { NodeSSH } from 'node-ssh';
import type { ClientChannel } from 'ssh2';

/** The prompt pattern SSH automation libraries for IOS read up to. */
export const PROMPT = /[>#]\s*$/;

/**
 * An interactive shell over node-ssh that reads the way automation clients do: everything
 * received is kept, and `readUntil` waits for a pattern at the end of the new data.
 */
export class ShellClient {
  private buffer = '';
  private waiters: Array<() => void> = [];
  /** Every chunk as it arrived, so tests can check what went out in one write. */
  readonly chunks: string[] = [];
  closed = false;

  private constructor(
    readonly ssh: NodeSSH,
    readonly channel: ClientChannel,
  ) {
    channel.on('data', (data: Buffer) => {
      const text = data.toString('latin1');
      this.chunks.push(text);
      this.buffer += text;
      this.wake();
    });
    channel.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static async open(port: number, options: { username?: string; password?: string; rows?: number } = {}): Promise<ShellClient> {
    const ssh = new NodeSSH();
    await ssh.connect({
      host: '127.0.0.1',
      port,
      username: options.username ?? 'admin',
      password: options.password ?? 'cisco',
      readyTimeout: 5000,
    });
    ssh.connection?.on('error', () => undefined);
    const channel = await ssh.requestShell({ term: 'vt100', rows: options.rows ?? 24, cols: 80 });
    return new ShellClient(ssh, channel);
  }

  send(text: string): void {
    this.channel.write(text);
  }

  /** Resolves with (and consumes) everything up to the point where `pattern` matches the end. */
  async readUntil(pattern: RegExp = PROMPT, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (pattern.test(this.buffer)) {
        const out = this.buffer;
        this.buffer = '';
        return out;
      }
      if (this.closed) throw new Error(`channel closed; buffer: ${JSON.stringify(this.buffer)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for ${pattern}; buffer: ${JSON.stringify(this.buffer)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a command line and reads its answer up to the next prompt. */
  async command(line: string, pattern: RegExp = PROMPT): Promise<string> {
    this.send(`${line}\n`);
    return this.readUntil(pattern);
  }

  /** Waits for the channel to close (after `exit`). */
  async closedByServer(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('channel did not close');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  dispose(): void {
    // The device may drop the connection first (after exit); that is not a test failure.
    this.ssh.connection?.on('error', () => undefined);
    this.ssh.dispose();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
