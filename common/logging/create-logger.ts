import path from 'node:path';
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import winston from 'winston';
import { formatLogLine, type LogFields } from './log-line';
import { LineBatchTransport, stdoutSink, type LineSink } from './line-batch-transport';
import { DEFAULT_ROTATION, fileSink, type Rotation } from './file-sink';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

/** Writes the lab's one-line events (see log-line.ts) to the console and a log file. */
export interface EventLogger {
  log(type: string, fields?: LogFields, level?: LogLevel): void;
  /** Flushes and closes every transport; safe to call twice. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /** Server name: the file is `<name>_webhook.log` unless `fileName` says otherwise. */
  name: string;
  /** Folder for the log file; no file is written without it. */
  logDir?: string;
  fileName?: string;
  level?: string;
  /** Echo to stdout (default true). Tests turn it off. */
  console?: boolean;
  /** An extra destination for the same lines, e.g. a stream a test reads. */
  stream?: Writable;
  /** When the log file rotates (LOG_MAX_SIZE, LOG_MAX_FILES); 10 MB and 5 old files by default. */
  rotation?: Rotation;
}

// Event types that are warnings or errors however they are logged.
const DEFAULT_LEVELS: Record<string, LogLevel> = {
  SECURITY: 'warn',
  WEBHOOK_REJECTED: 'warn',
  API_ERROR: 'warn',
  DEVICE_ERROR: 'warn',
  ERROR: 'error',
};

/** Each line is formatted once, by formatLogLine; winston only routes it. */
const lineOnly = winston.format.printf((info) => String(info.message));

/** Creates the logger a server or the simulator writes its events through. */
export function createLogger(options: LoggerOptions): EventLogger {
  // Console and file share one transport that writes lines in batches (see line-batch-transport.ts).
  const sinks: LineSink[] = [];
  if (options.console !== false) sinks.push(stdoutSink());
  if (options.logDir) {
    fs.mkdirSync(options.logDir, { recursive: true });
    sinks.push(
      fileSink(path.join(options.logDir, options.fileName ?? `${options.name}_webhook.log`), options.rotation ?? DEFAULT_ROTATION),
    );
  }
  const transports: winston.transport[] = [];
  if (sinks.length > 0) transports.push(new LineBatchTransport(sinks));
  // A test's stream gets each line at once, so it can read the log as soon as an answer arrives.
  if (options.stream) transports.push(new winston.transports.Stream({ stream: options.stream }));
  if (transports.length === 0) transports.push(new winston.transports.Console({ silent: true }));

  const logger = winston.createLogger({ level: options.level ?? 'info', format: lineOnly, transports });
  let closed: Promise<void> | undefined;

  return {
    log(type, fields = {}, level) {
      if (closed) return;
      logger.log(level ?? DEFAULT_LEVELS[type] ?? 'info', formatLogLine(type, fields));
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        logger.on('finish', () => resolve());
        logger.end();
      }).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      return closed;
    },
  };
}
