/** `secret` / `password`, an optional encryption type, then the secret itself to the end of the line. */
const SECRET_ARGUMENT = /(\b(?:secret|password)\s+)(?:[0-9]\s+)?\S.*$/i;

/**
 * A command line as it may be logged: what follows `secret` or `password` (as in `username
 * student secret S3cret`) is replaced, so the device log never holds a credential.
 */
export function redactCommand(line: string): string {
  return line.replace(SECRET_ARGUMENT, '$1<removed>');
}
