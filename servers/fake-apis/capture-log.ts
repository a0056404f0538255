import { Writable } from 'node:stream';
import { createLogger, type EventLogger } from '../lib/create-logger';

/** A silent logger whose lines a test can read back. */
export interface CapturedLog {
  logger: EventLogger;
  /** Every line so far, oldest first. */
  lines(): string[];
  /** The lines of one event type, e.g. 'API_CALL'. */
  of(type: string): string[];
  clear(): void;
}

/** Test support: a logger with console off that keeps its lines in memory. */
export function captureLog(name = 'test'): CapturedLog {
  let lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter((l) => l.length > 0));
      done();
    },
  });
  const logger = createLogger({ name, console: false, stream });
  return {
    logger,
    lines: () => [...lines],
    of: (type) => lines.filter((l) => l.startsWith(`${type} `)),
    clear: () => {
      lines = [];
    },
  };
}
