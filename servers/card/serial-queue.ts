/** Runs tasks one at a time, in the order they were queued. */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/**
 * A one-slot mutex as a promise chain. Drawing is read-then-write (how many remain? draw that
 * many), so two events interleaving could both reshuffle or over-draw; queueing them makes each
 * draw see the deck the previous one left behind. A failed task does not block the next.
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
