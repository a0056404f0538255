/** What happened in the world, as the grader reads it back. */
export type WorldEvent =
  /** A request reached a stand-in API (whatever its mode made of it). */
  | { kind: 'api'; api: 'joke' | 'card'; path: string; mode: string; status?: number }
  /** The jokes API served this joke. */
  | { kind: 'joke'; joke: string }
  /** The cards API created a deck. */
  | { kind: 'deck'; deck_id: string }
  /** The cards API dealt these cards from this deck; `new_deck` when the same request created it. */
  | { kind: 'draw'; deck_id: string; new_deck: boolean; cards: Array<{ value: string; suit: string; code: string }> }
  /** Someone logged in to the router over SSH. */
  | { kind: 'session' }
  /** A command ran on the router. */
  | { kind: 'command'; command: string }
  /** The router sent a webhook; `status` is the receiver's answer (absent while in flight or not forwarded). */
  | { kind: 'webhook'; event: string; interface?: string; forwarded: boolean; status?: number; error?: string };

export type WorldEntry = WorldEvent & { seq: number; at: number };

const MAX_ENTRIES = 20_000;

/**
 * An append-only log with sequence numbers: the grader takes a mark, acts, and reads what came
 * after it. Readers may wait for the next entry instead of polling.
 */
export class WorldLog {
  private entries: WorldEntry[] = [];
  private seq = 0;
  private waiters = new Set<() => void>();

  /** `onAdd` sees every event as it is added (the `--serve` console). */
  constructor(private readonly onAdd?: (event: WorldEvent) => void) {}

  add(event: WorldEvent): void {
    this.onAdd?.(event);
    this.seq += 1;
    this.entries.push({ ...event, seq: this.seq, at: Date.now() });
    if (this.entries.length > MAX_ENTRIES) this.entries = this.entries.slice(-MAX_ENTRIES / 2);
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
  }

  /** The sequence number of the latest entry (0 before any). */
  get last(): number {
    return this.seq;
  }

  since(seq: number): WorldEntry[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  /** Entries after `seq`; waits up to `waitMs` for the first one when there are none yet. */
  async next(seq: number, waitMs: number): Promise<WorldEntry[]> {
    if (this.seq > seq || waitMs <= 0) return this.since(seq);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.waiters.add(done);
    });
    return this.since(seq);
  }

  /** Lets every waiting reader go (the world is closing). */
  release(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const w of waiting) w();
  }
}
