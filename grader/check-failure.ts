/** A check did not pass; `message` is the reason shown in the report. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Fails the check with `reason` unless `condition` holds. */
export function must(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new CheckFailure(reason);
}
