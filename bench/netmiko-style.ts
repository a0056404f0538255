import { NodeSSH } from 'node-ssh';
import type { ClientChannel } from 'ssh2';

/** Where a Netmiko-style script logs in. */
export interface ScriptTarget {
  host: string;
  port: number;
  username: string;
  password: string;
}

const PROMPT = /[>#]\s*$/;

/** Reads the shell until the prompt ends the received text (what Netmiko's read_until_prompt does). */
function reader(channel: ClientChannel) {
  let buffer = '';
  let wake: (() => void) | undefined;
  channel.on('data', (d: Buffer) => {
    buffer += d.toString('latin1');
    wake?.();
  });
  return async (timeoutMs = 10_000): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    while (!PROMPT.test(buffer)) {
      if (Date.now() > deadline) throw new Error(`no prompt after ${timeoutMs} ms: ${JSON.stringify(buffer.slice(-200))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    const out = buffer;
    buffer = '';
    return out;
  };
}

/**
 * What a typical scripted Netmiko session does (ConnectHandler → send_command ×2 → disconnect),
 * with node-ssh/ssh2 as shipped: ssh2's own TCP socket (Nagle's algorithm on), a new
 * connection per run, an interactive shell, find the prompt, `terminal width 511` and
 * `terminal length 0` (Netmiko's cisco_ios session preparation), two show commands, `exit`.
 * It adds none of Netmiko's own pacing (its read loops sleep between polls), so it is a lower
 * bound for what the real script costs. Resolves with the time of each step, in ms.
 */
export async function netmikoStyleSession(target: ScriptTarget): Promise<{ total_ms: number; steps: Record<string, number> }> {
  const started = performance.now();
  const steps: Record<string, number> = {};
  let last = started;
  const mark = (name: string): void => {
    const now = performance.now();
    steps[name] = Math.round((now - last) * 100) / 100;
    last = now;
  };
  const ssh = new NodeSSH();
  try {
    await ssh.connect({ host: target.host, port: target.port, username: target.username, password: target.password, readyTimeout: 10_000 });
    ssh.connection?.on('error', () => undefined);
    mark('connect_and_login');
    const shell = await ssh.requestShell({ term: 'vt100', cols: 511, rows: 24 });
    const read = reader(shell);
    await read();
    mark('shell_and_banner');
    shell.write('\n'); // set_base_prompt: a newline, read back the prompt
    await read();
    mark('find_prompt');
    for (const command of ['terminal width 511', 'terminal length 0']) {
      shell.write(`${command}\n`);
      await read();
    }
    mark('session_preparation');
    shell.write('show version\n');
    await read();
    mark('show_version');
    shell.write('show ip interface brief\n');
    await read();
    mark('show_ip_interface_brief');
    shell.end('exit\n');
    await new Promise<void>((resolve) => {
      shell.once('close', () => resolve());
      setTimeout(resolve, 2000).unref();
    });
  } finally {
    ssh.dispose();
  }
  mark('disconnect');
  return { total_ms: Math.round((performance.now() - started) * 100) / 100, steps };
}
