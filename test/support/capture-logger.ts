import { PassThrough } from 'node:stream';
import { createLogger, type EventLogger } from '../../common/logging/create-logger';

/** A real logger whose lines a test can read (no console, no file). */
export interface CapturedLogger extends EventLogger {
  lines: string[];
  /** Lines of one event type, e.g. 'SECURITY'. */
  of(type: string): string[];
}

export function captureLogger(name = 'test'): CapturedLogger {
  const stream = new PassThrough();
  const lines: string[] = [];
  let partial = '';
  stream.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts.filter((l) => l.length > 0));
  });
  const logger = createLogger({ name, console: false, stream, level: 'debug' });
  return {
    ...logger,
    lines,
    of: (type) => lines.filter((l) => l.startsWith(`${type} `)),
  };
}
