import type { NodeSSH } from 'node-ssh';
import { HttpError } from './json-errors';

/**
 * Types configuration lines into an interactive shell, like Netmiko's `send_config_set`:
 * `configure terminal`, your lines, `end`, then `exit` (the device closes the session, which is
 * how we know it has read every line). A line the device refuses (`% Invalid input …`) throws
 * 502 DEVICE_REJECTED. Returns the session's text. Only ever pass lines built from validated values.
 */
export async function sendConfigSet(ssh: NodeSSH, lines: readonly string[]): Promise<string> {
  const shell = await ssh.requestShell();
  let output = '';
  shell.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const closed = new Promise<void>((resolve) => shell.once('close', () => resolve()));
  // One command per line, sent at once: the device reads them in order, as if typed.
  shell.write(['configure terminal', ...lines, 'end', 'exit'].map((l) => `${l}\n`).join(''));
  await closed;
  const refused = output.split(/\r?\n/).find((l) => l.startsWith('%'));
  if (refused) throw new HttpError(502, 'DEVICE_REJECTED', `The device refused the configuration: ${refused.trim()}`);
  return output;
}
