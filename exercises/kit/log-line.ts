import fs from 'node:fs';
import path from 'node:path';
import { formatLogLine, type LogFields } from '../../common/logging/log-line';

// The lab's format, `EVENT_TYPE key=value key2="a value" ts=<ISO-8601>`, is the reference
// servers' own formatter: a value from a client is quoted and escaped, so a newline in a payload
// can never split one event into two lines (or forge a second one).
export { formatLogLine, type LogFields };

/** Writes one event as one log line, e.g. `log('WEBHOOK_RECEIVED', { event: 'JokeRequest' })`. */
export type Log = (type: string, fields?: LogFields) => void;

/**
 * A log that prints each line and appends it to `<logDir>/<server>_webhook.log`. Never put a
 * token, secret, signature or password in `fields`: log files are read by many people.
 */
export function createLog(server: string, logDir: string): Log {
  fs.mkdirSync(logDir, { recursive: true });
  const file = path.join(logDir, `${server}_webhook.log`);
  return (type, fields = {}) => {
    const line = formatLogLine(type, fields);
    process.stdout.write(`${line}\n`);
    fs.appendFileSync(file, `${line}\n`);
  };
}
