import crypto from 'node:crypto';
import type { EventLogger } from '../servers/lib/create-logger';
import { githubSignature } from '../servers/lib/webhook-signatures';

/** The events a device sends, as an EEM applet would on a syslog match. */
export interface DeviceWebhookEvent {
  event: 'InterfaceDown' | 'InterfaceUp' | 'ConfigChange';
  device: string;
  interface?: string;
  /** ISO-8601. */
  timestamp: string;
}

export interface WebhookEmitterOptions {
  url: string;
  token?: string;
  /** Signs with this secret (the first of WEBHOOK_SECRET's list). */
  secret?: string;
  logger: EventLogger;
  /** Tries per event, first included (default 4: now, +200 ms, +400 ms, +800 ms). */
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Events waiting beyond this are dropped, oldest first, so a dead receiver cannot eat memory. */
  maxQueue?: number;
}

interface Delivery {
  id: string;
  body: string;
  event: DeviceWebhookEvent;
}

const USER_AGENT = 'hooklab-device-simulator/0.1 (+IOS-XE EEM emulation)';

/** Worth another try: the network failed, the receiver broke (5xx) or asked us to slow down. */
function retryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

/** The URL without credentials or query, safe to log. */
function logUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return 'invalid-url';
  }
}

/**
 * Sends device events to DEVICE_WEBHOOK_URL: one at a time, in order, from an internal queue, so
 * the CLI never waits for the network; a failure is retried with backoff and logged, never thrown.
 */
export class WebhookEmitter {
  readonly counts = { delivered: 0, failed: 0, dropped: 0 };
  private readonly queue: Delivery[] = [];
  private running = false;
  private readonly stop = new AbortController();
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly options: WebhookEmitterOptions) {}

  /** Queues an event and returns at once. */
  send(event: DeviceWebhookEvent): void {
    if (this.stop.signal.aborted) return;
    this.queue.push({ id: crypto.randomUUID(), body: JSON.stringify(event), event });
    while (this.queue.length > (this.options.maxQueue ?? 1000)) {
      const dropped = this.queue.shift();
      this.counts.dropped += 1;
      this.options.logger.log('API_ERROR', { url: logUrl(this.options.url), event: dropped?.event.event, reason: 'queue_full' });
    }
    if (!this.running) void this.drain();
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Abandons what is queued and in flight; the device is shutting down. */
  close(): Promise<void> {
    this.stop.abort();
    this.counts.dropped += this.queue.length;
    this.queue.length = 0;
    return this.idle();
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        await this.deliver(next).catch(() => undefined);
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    const attempts = Math.max(1, this.options.attempts ?? 4);
    for (let attempt = 1; attempt <= attempts && !this.stop.signal.aborted; attempt += 1) {
      const { status, reason, retryAfterMs, durationMs } = await this.post(d);
      const fields = { url: logUrl(this.options.url), event: d.event.event, delivery: d.id, status, attempt, duration_ms: durationMs, interface: d.event.interface, device: d.event.device };
      if (status !== undefined && status < 300) {
        this.counts.delivered += 1;
        this.options.logger.log('API_CALL', fields);
        return;
      }
      const again = retryable(status) && attempt < attempts;
      this.options.logger.log('API_ERROR', { ...fields, reason, will_retry: again });
      if (!again) break;
      const backoff = (this.options.baseDelayMs ?? 200) * 2 ** (attempt - 1);
      await this.sleep(Math.max(backoff, Math.min(retryAfterMs ?? 0, 10_000)));
    }
    this.counts.failed += 1;
  }

  private async post(d: Delivery): Promise<{ status?: number; reason?: string; retryAfterMs?: number; durationMs: number }> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'X-Hooklab-Event': d.event.event,
      // The same id on every retry of one event, so a receiver can drop duplicates.
      'X-Hooklab-Delivery': d.id,
      'Idempotency-Key': d.id,
    };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    if (this.options.secret) headers['X-Hub-Signature-256'] = githubSignature(this.options.secret, d.body);
    const started = Date.now();
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.options.timeoutMs ?? 5000)]);
    try {
      const res = await fetch(this.options.url, { method: 'POST', headers, body: d.body, signal, redirect: 'manual' });
      await res.arrayBuffer().catch(() => undefined);
      const ra = Number(res.headers.get('retry-after'));
      return { status: res.status, reason: res.ok ? undefined : res.statusText, retryAfterMs: Number.isFinite(ra) && ra > 0 ? ra * 1000 : undefined, durationMs: Date.now() - started };
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return { reason: cause ?? (err as Error).name, durationMs: Date.now() - started };
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.stop.signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.stop.signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
