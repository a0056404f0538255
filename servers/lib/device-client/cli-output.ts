import { AppError } from '../errors';

// What IOS prints when it refuses a line (scrapli's FAILED_WHEN_CONTAINS for IOS-XE), at a line start.
const REFUSED = /^% ?(Invalid input|Incomplete command|Ambiguous command|Unknown command|Bad secrets|Access denied)[^\n]*/m;

/** The output of a command without its echo (first line) and the prompt (last line). */
export function stripEchoAndPrompt(raw: string, command: string): string {
  const lines = raw.split('\n');
  lines.pop();
  if (lines.length > 0 && lines[0]!.trimEnd().endsWith(command)) lines.shift();
  return lines.join('\n');
}

/** IOS's refusal line in a command's output (`% Invalid input detected at '^' marker.`), if any. */
export function refusalIn(output: string): string | undefined {
  return REFUSED.exec(output)?.[0].trim();
}

const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

/**
 * One command is one line: a newline or carriage return inside it would make the CLI run a
 * second command nobody validated (`show clock\nconfigure terminal`), and other control
 * characters edit the line or leave a mode (Ctrl-Z is `end`). Refused before anything is sent.
 */
export function refuseControlCharacters(lines: readonly string[], device: string): void {
  const bad = lines.find((line) => CONTROL_CHARACTER.test(line));
  if (bad === undefined) return;
  throw new AppError('DEVICE_REJECTED', `Refused to send a command containing a line break or control character to ${device}.`, {
    details: [{ message: `command starting ${JSON.stringify(bad.slice(0, 40))}` }],
  });
}
