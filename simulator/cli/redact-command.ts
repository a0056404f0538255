import type { ParseResult } from './parse-command';
import { tokenize } from './tokenize';

const REMOVED = '<removed>';

/**
 * A typed line as the device logs it (its log file, the control port's feed, the dashboard),
 * redacted by what the parser understood rather than by the words typed: IOS takes `sec` for
 * `secret` and `priv` for `privilege`, so a search for the word `secret` missed
 * `username carol priv 15 sec Hunter2`. A line that parsed loses its `<secret:…>` parameter (a
 * password, a secret, a key, with its encryption type). A line that did not parse is kept up to
 * the word the parser stopped at: what follows could be anything, a password included.
 */
export function redactCommand(line: string, parsed: ParseResult): string {
  switch (parsed.kind) {
    case 'ok':
      return parsed.secretFrom === undefined ? line : `${line.slice(0, parsed.secretFrom)}${REMOVED}`;
    case 'invalid':
      return keptUpTo(line, parsed.offset);
    case 'ambiguous':
      return keptUpTo(line, line.indexOf(parsed.text) + parsed.text.length - 1);
    default:
      return line;
  }
}

/** The line up to the end of the word at `column`, and `<removed>` for anything after it. */
function keptUpTo(line: string, column: number): string {
  const word = tokenize(line).find((t) => column < t.start + t.text.length);
  const end = word ? word.start + word.text.length : line.length;
  return line.slice(end).trim() === '' ? line : `${line.slice(0, end)} ${REMOVED}`;
}
