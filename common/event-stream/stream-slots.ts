export interface StreamLimits {
  /** Open event streams from one address. */
  perAddress: number;
  /** Open event streams in all. */
  total: number;
}

/**
 * A watching page holds its connection open for as long as it is open. The live view's streams
 * are counted here, apart from the server's connection cap, so that however many watchers an
 * address opens, the webhooks from that address (the router's, on loopback) still get in: a
 * watcher past these limits is refused, never a webhook.
 */
export const DEFAULT_STREAM_LIMITS: StreamLimits = { perAddress: 8, total: 32 };

export class StreamSlots {
  private readonly open = new Map<string, number>();
  private inAll = 0;

  constructor(private readonly limits: StreamLimits = DEFAULT_STREAM_LIMITS) {}

  /** A slot for one stream from `address`, or undefined when one of the limits is reached; call the answer once, when the stream closes. */
  take(address: string): (() => void) | undefined {
    const mine = this.open.get(address) ?? 0;
    if (mine >= this.limits.perAddress || this.inAll >= this.limits.total) return undefined;
    this.open.set(address, mine + 1);
    this.inAll += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inAll -= 1;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }
}
