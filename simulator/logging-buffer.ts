import { syslogTimestamp } from './syslog-time';

/** The device's `logging buffered` ring: the newest messages, oldest dropped first. */
export class LoggingBuffer {
  private readonly entries: string[] = [];
  /** Messages logged since boot, including those the ring has since dropped. */
  logged = 0;

  constructor(private readonly capacity = 500) {}

  /** Stamps `%FACILITY-SEV-MNEMONIC: text` and stores it; returns the full line. */
  add(message: string, at: Date): string {
    const line = `${syslogTimestamp(at)}: ${message}`;
    this.entries.push(line);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.logged += 1;
    return line;
  }

  lines(): readonly string[] {
    return this.entries;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
