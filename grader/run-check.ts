/** What one check came to: a reason when it lost its points, a note when it passed with one. */
export interface CheckOutcome {
  reason?: string;
  note?: string;
}

/**
 * Runs one check of the grader with a deadline: no check may hold the grade hostage, whatever
 * the server does. A check fails by throwing; what it throws is the reason a student reads.
 */
export async function runCheck<Context>(
  fn: (ctx: Context) => Promise<string | void>,
  ctx: Context,
  limitMs: number,
): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the check did not finish within ${limitMs / 1000} s`)), limitMs);
  });
  try {
    const note = await Promise.race([fn(ctx), deadline]);
    return note ? { note } : {};
  } catch (err) {
    return { reason: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
