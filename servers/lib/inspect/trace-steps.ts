import { refusalIn, stripEchoAndPrompt } from '../device-client/cli-output';
import { currentTrace } from './request-trace';

/**
 * One CLI command on a device, for the trace of the request it runs for: the command, how long
 * it took, and its output as the terminal showed it (echo, output, next prompt). A secret typed
 * at a prompt (the enable secret) is passed with no output and shown only by its label.
 */
export function traceCommand(device: string, command: string, raw: string | undefined, durationMs: number): void {
  const trace = currentTrace();
  if (!trace) return;
  const output = raw?.replace(/\r/g, '');
  const refused = output === undefined ? undefined : refusalIn(stripEchoAndPrompt(output, command));
  trace.addStep({
    kind: 'command',
    ok: refused === undefined,
    text: `${device}# ${command}${refused ? `  → refused: ${refused}` : ''}`,
    duration_ms: durationMs,
    output,
  });
}
