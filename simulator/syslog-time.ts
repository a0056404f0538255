/**
 * Time as IOS prints it. The leading `*` says the clock is not NTP-synchronised, which is true
 * of a simulator; everything is UTC.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `10:15:02.123` */
export function clockTime(d: Date): string {
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}

/** Syslog stamp: `*Feb  9 13:11:27.198` (the day is space-padded, hence two spaces). */
export function syslogTimestamp(d: Date): string {
  return `*${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${clockTime(d)}`;
}

/** `show clock`: `*10:15:02.123 UTC Mon Mar 4 2024`. */
export function showClockText(d: Date): string {
  return `*${clockTime(d)} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/** Running-config stamp: `10:15:02 UTC Mon Mar 4 2024`. */
export function configChangeTime(d: Date): string {
  return `${clockTime(d).slice(0, 8)} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/** `2 hours, 14 minutes`, as `show version` words an uptime. */
export function uptimeText(ms: number): string {
  const units: Array<[string, number]> = [
    ['year', 31_536_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
  ];
  let seconds = Math.floor(Math.max(0, ms) / 1000);
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(seconds / size);
    seconds -= n * size;
    if (n > 0 || parts.length > 0) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  const minutes = Math.floor(seconds / 60);
  parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** `00:00:05` style durations for "Last input" fields; `never` when there was none. */
export function hhmmss(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  return `${two(Math.floor(s / 3600) % 100)}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}
