/**
 * Waits for `closing` at most `ms`, then calls `cut()` without waiting for it: a server that is
 * stopping must stop, even while Redis is down and a clean close would wait for it for ever.
 */
export async function closeWithin(ms: number, closing: Promise<unknown>, cut: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  const outcome = await Promise.race([
    closing.then(
      () => 'closed',
      () => 'late',
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late') void cut().catch(() => undefined);
}
