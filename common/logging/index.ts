/** The lab's log lines: the one-line format, the logger, its batched and rotating file output, redaction. */
export * from './create-logger';
export * from './file-sink';
export * from './line-batch-transport';
export * from './log-line';
export * from './redact-secrets';
