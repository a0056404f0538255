/** The log lines `npm start -- --quiet` still shows: one per event, and what went wrong. */
const SHOWN = new Set(['WEBHOOK_PROCESSED', 'WEBHOOK_REJECTED', 'ERROR']);

/**
 * Wraps the launcher's writer for `--quiet`: of a labelled log line (`[basic]    TYPE …`) only
 * the event's outcome passes; anything that is not a log line (a crash) always does. Every
 * line still reaches the log files.
 */
export function quietOutput(write: (line: string) => void): (line: string) => void {
  return (line) => {
    const type = /^\[[a-z-]+\]\s+([A-Z][A-Z0-9_]*) /.exec(line)?.[1];
    if (type === undefined || SHOWN.has(type)) write(line);
  };
}
