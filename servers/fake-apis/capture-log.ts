import type { EventLogger } from '../../common/logging/create-logger';
import { captureLogger } from '../../test/support/capture-logger';

/** A silent logger whose lines a test can read back (the shape these tests were written for). */
export interface CapturedLog {
  logger: EventLogger;
  /** Every line so far, oldest first. */
  lines(): string[];
  /** The lines of one event type, e.g. 'API_CALL'. */
  of(type: string): string[];
  clear(): void;
}

/** Test support: test/support/capture-logger.ts behind a `logger` / `lines()` interface. */
export function captureLog(name = 'test'): CapturedLog {
  const captured = captureLogger(name);
  return {
    logger: captured,
    lines: () => [...captured.lines],
    of: captured.of,
    clear: () => void captured.lines.splice(0),
  };
}
