import { cliLines } from './cli-lines';

/** One syslog message from the logging buffer. */
export interface LogEntry {
  /** As the device stamped it, e.g. `*Feb  9 13:11:27.198` (`*`: clock not NTP-synced). */
  timestamp: string;
  facility: string;
  severity: number;
  mnemonic: string;
  message: string;
  /** The whole line, as the device printed it. */
  line: string;
}

// Optional sequence number (`022702: `), timestamp, then `%FACILITY-SEVERITY-MNEMONIC: text`.
const ENTRY = /^(?:\d+: )?([*.]?[A-Z][a-z]{2} +\d{1,2} [\d:.]+(?: [A-Z]{3,4})?): %([A-Z0-9_]+)-(\d)-([A-Z0-9_]+): (.*?)\s*$/;

/** Parses the message lines of `show logging`; the header block is skipped. */
export function parseShowLogging(text: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const line of cliLines(text)) {
    const m = ENTRY.exec(line);
    if (!m) continue;
    entries.push({ timestamp: m[1]!, facility: m[2]!, severity: Number(m[3]), mnemonic: m[4]!, message: m[5]!, line: line.trimEnd() });
  }
  return entries;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The entries that name one interface, newest last. `GigabitEthernet1` does not match
 * `GigabitEthernet10` or `GigabitEthernet1.100`: the name must end at a comma, space or line end.
 */
export function logEntriesFor(entries: readonly LogEntry[], interfaceName: string, limit = 10): LogEntry[] {
  const pattern = new RegExp(`\\b${escapeRegExp(interfaceName)}(?=[,\\s]|$)`);
  return entries.filter((e) => pattern.test(e.message)).slice(-limit);
}
