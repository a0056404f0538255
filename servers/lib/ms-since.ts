/** Milliseconds since `started` (a `process.hrtime.bigint()`), to two decimals: the `duration_ms` of log lines. */
export function msSince(started: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100;
}
