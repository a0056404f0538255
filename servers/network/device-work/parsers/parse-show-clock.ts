import { cliLines } from './cli-lines';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `*10:15:02.123 UTC Mon Mar 4 2024` (`*`: not NTP-synced, `.`: synced once, then lost).
const CLOCK = /^[*.]?(\d{1,2}):(\d\d):(\d\d)(?:\.(\d{1,3}))? +\S+ +[A-Z][a-z]{2} +([A-Z][a-z]{2}) +(\d{1,2}) +(\d{4})\s*$/;
// A syslog stamp: `*Feb  9 13:11:27.198` or `Jun 19 03:02:32`, possibly with a zone after it.
const STAMP = /^[*.]?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?/;

function millis(fraction: string | undefined): number {
  return fraction ? Number(fraction.padEnd(3, '0')) : 0;
}

/**
 * `show clock` as a Date. The device's wall-clock reading is taken as UTC whatever zone it
 * names: it is only ever compared with the same device's own log stamps, which use that zone too.
 */
export function parseShowClock(text: string): Date | undefined {
  for (const line of cliLines(text)) {
    const m = CLOCK.exec(line.trim());
    const month = m ? MONTHS.indexOf(m[5]!) : -1;
    if (!m || month < 0) continue;
    return new Date(Date.UTC(Number(m[7]), month, Number(m[6]), Number(m[1]), Number(m[2]), Number(m[3]), millis(m[4])));
  }
  return undefined;
}

/**
 * When a log line was stamped, by the device's clock `now`. Syslog stamps carry no year: it is
 * now's, or the year before when that would put the line in the future (a December line read
 * in January).
 */
export function logStampTime(stamp: string, now: Date): Date | undefined {
  const m = STAMP.exec(stamp);
  const month = m ? MONTHS.indexOf(m[1]!) : -1;
  if (!m || month < 0) return undefined;
  const at = (year: number): Date => new Date(Date.UTC(year, month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), millis(m[6])));
  const sameYear = at(now.getUTCFullYear());
  return sameYear.getTime() > now.getTime() + 86_400_000 ? at(now.getUTCFullYear() - 1) : sameYear;
}
