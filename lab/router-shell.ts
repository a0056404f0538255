import { NodeSSH } from 'node-ssh';
import type { ClientChannel } from 'ssh2';

const PROMPT = /\S+[>#]\s*$/;

/** A person at the router's CLI: types a line, reads up to the next prompt. */
export class RouterShell {
  private buffer = '';
  private wake: () => void = () => undefined;

  private constructor(
    private readonly ssh: NodeSSH,
    private readonly channel: ClientChannel,
    private prompt: string,
  ) {
    channel.on('data', (data: Buffer) => {
      this.buffer += data.toString('utf8');
      this.wake();
    });
  }

  static async open(port: number, username = 'admin', password = 'cisco'): Promise<RouterShell> {
    const ssh = new NodeSSH();
    await ssh.connect({ host: '127.0.0.1', port, username, password, readyTimeout: 10_000 });
    const channel = await ssh.requestShell({ term: 'vt100', rows: 50, cols: 120 });
    const shell = new RouterShell(ssh, channel, '');
    shell.prompt = (await shell.readPrompt()).trim().split('\n').pop() ?? '';
    return shell;
  }

  /** Reads until the text ends at a prompt and `ready` says it holds what is awaited. */
  private async readPrompt(ready: (text: string) => boolean = () => true, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!(PROMPT.test(this.buffer) && ready(this.buffer))) {
      if (Date.now() > deadline) throw new Error(`no prompt from the router; got ${JSON.stringify(this.buffer.slice(-200))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    const text = this.buffer;
    this.buffer = '';
    return text;
  }

  /**
   * Types one line; returns it as the terminal shows it: prompt, command, output. With
   * `terminal monitor` on, log messages also arrive on their own, each followed by a prompt:
   * they are shown where they came, and the command's answer is awaited past its echo.
   */
  async type(command: string): Promise<string> {
    const before = this.prompt;
    this.channel.write(`${command}\r`);
    const answer = (await this.readPrompt((text) => text.includes(`${command}\r\n`))).replace(/\r/g, '');
    const lines = answer.split('\n');
    this.prompt = lines.pop() ?? before;
    return `${before}${lines.join('\n')}`;
  }

  async close(): Promise<void> {
    this.channel.end();
    this.ssh.dispose();
  }
}
