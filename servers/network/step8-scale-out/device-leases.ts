import type { Redis } from 'ioredis';

export interface LeaseHandlers {
  /** This copy now works on the device (start taking its jobs). */
  acquired(device: string): Promise<void> | void;
  /** Another copy has it now, or this copy is stopping (stop taking its jobs). */
  lost(device: string): Promise<void> | void;
}

// Takes the lease when it is free or already ours, and extends it; 1 = ours.
const TAKE = `
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

// Gives the lease back, only if it is still ours.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Which copy works on which device. Each device has one lease in Redis
 * (`hooklab:lease:<device>`, value: the copy's id, expiring after `leaseMs`); the copy holding
 * it renews it every third of that time, and only it takes the device's jobs — so the device
 * sees one SSH session, not one per copy. A copy that dies stops renewing: after `leaseMs`
 * another copy takes the lease and the device's work. While Redis cannot be reached nothing
 * changes hands; once it is back, a lease that expired meanwhile goes to whoever asks first.
 */
export class DeviceLeases {
  private readonly held = new Set<string>();
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    private readonly devices: readonly string[],
    private readonly holder: string,
    private readonly leaseMs: number,
    private readonly handlers: LeaseHandlers,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), Math.max(100, Math.floor(this.leaseMs / 3)));
    this.timer.unref();
    // At once when Redis (re)connects, not a third of a lease later: queued jobs are waiting.
    this.redis.on('ready', this.onReady);
    void this.tick();
  }

  private readonly onReady = (): void => void this.tick();

  /** The devices this copy works on now. */
  owned(): string[] {
    return [...this.held].sort();
  }

  private key(device: string): string {
    return `hooklab:lease:${device}`;
  }

  private tick(): Promise<void> {
    // One round at a time: a slow Redis must not pile up overlapping rounds.
    // A round that fails (Redis gone mid-way) is simply tried again at the next tick.
    this.ticking ??= this.round()
      .catch(() => undefined)
      .finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async round(): Promise<void> {
    if (this.redis.status !== 'ready') return; // no answer is no news: keep what we have
    const results = await Promise.allSettled(this.devices.map((d) => this.redis.eval(TAKE, 1, this.key(d), this.holder, this.leaseMs)));
    for (const [i, device] of this.devices.entries()) {
      const result = results[i]!;
      if (result.status === 'rejected' || this.stopped) continue;
      const ours = result.value === 1;
      if (ours && !this.held.has(device)) {
        this.held.add(device);
        await this.handlers.acquired(device);
      } else if (!ours && this.held.has(device)) {
        this.held.delete(device);
        // Not awaited: a job finishing on the lost device must not hold up renewing the others.
        void Promise.resolve(this.handlers.lost(device)).catch(() => undefined);
      }
    }
  }

  /** Stops renewing, lets the handlers stop each device's work, then hands the leases back at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    await this.ticking;
    for (const device of this.owned()) {
      this.held.delete(device);
      await this.handlers.lost(device);
      await this.redis.eval(RELEASE, 1, this.key(device), this.holder).catch(() => undefined);
    }
  }
}
