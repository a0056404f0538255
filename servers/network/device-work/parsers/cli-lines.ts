/** Splits device output into lines, whatever line endings the SSH session delivered. */
export function cliLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** The first capture of `pattern` on any line, trimmed; `undefined` when no line matches. */
export function firstMatch(lines: readonly string[], pattern: RegExp): RegExpExecArray | undefined {
  for (const line of lines) {
    const m = pattern.exec(line);
    if (m) return m;
  }
  return undefined;
}
