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
