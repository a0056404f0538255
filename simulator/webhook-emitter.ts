import crypto from 'node:crypto';
import type { EventLogger } from '../common/logging/create-logger';
import { githubSignature, standardWebhookKey, standardWebhookSignature } from '../common/signatures/webhook-signatures';

/** The events a device sends, as an EEM applet would on a syslog match. */
export interface DeviceWebhookEvent {
  event: 'InterfaceDown' | 'InterfaceUp' | 'ConfigChange';
  device: string;
  interface?: string;
  /** ISO-8601. */
  timestamp: string;
}

/**
 * `standard` (the default): Standard Webhooks — `webhook-id`, `webhook-timestamp` and
 * `webhook-signature: v1,<base64>` over `id.timestamp.body`, so a captured delivery is refused
 * once its timestamp is 5 minutes old and cannot be replayed under another id. `github`:
 * `X-Hub-Signature-256: sha256=<hex>` over the body alone, as GitHub signs (no timestamp).
 */
export type SignatureStyle = 'standard' | 'github';

export interface WebhookEmitterOptions {
  url: string;
  token?: string;
  /** Signs with this secret (the first of WEBHOOK_SECRET's list). */
  secret?: string;
  signature?: SignatureStyle;
  logger: EventLogger;
  /**
   * A failed delivery is tried again while less than this has passed since its first attempt
   * (default 120 s: longer than a rate-limit burst lasts), then given up with a log line.
   */
  retryForMs?: number;
  /** The first wait between attempts (default 500 ms); it doubles each time, with jitter… */
  baseDelayMs?: number;
  /** …up to this (default 30 s). A longer `Retry-After` from the receiver is honoured. */
  maxDelayMs?: number;
  /** At most this many attempts, the first included (default: as many as `retryForMs` allows). */
  attempts?: number;
  timeoutMs?: number;
  /** Events waiting beyond this are dropped, oldest first, so a dead receiver cannot eat memory. */
  maxQueue?: number;
  /** Clock for `webhook-timestamp` (the simulator's own). */
  now?: () => number;
}

interface Delivery {
  id: string;
  body: string;
  event: DeviceWebhookEvent;
  /** The sending device's own key: a second signature proves which device sent it. */
  deviceKey?: Buffer;
}

const USER_AGENT = 'hooklab-device-simulator/0.1 (+IOS-XE EEM emulation)';

/** Worth another try: the network failed, the receiver broke (5xx) or asked us to slow down. */
function retryable(status: number | undefined): boolean {
  return status === undefined || status === 429 || status >= 500;
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = /^\d{1,9}$/.test(header.trim()) ? Number(header.trim()) : undefined;
  const ms = seconds !== undefined ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
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
 * the CLI never waits for the network; a failure is retried with backoff (for up to two minutes
 * by default, honouring Retry-After) and logged, never thrown.
 */
export class WebhookEmitter {
  readonly counts = { delivered: 0, failed: 0, dropped: 0 };
  private readonly queue: Delivery[] = [];
  private running = false;
  private readonly stop = new AbortController();
  private idleWaiters: Array<() => void> = [];
  private readonly sharedKey: Buffer | undefined;
  private readonly now: () => number;

  constructor(private readonly options: WebhookEmitterOptions) {
    this.sharedKey = options.secret ? standardWebhookKey(options.secret) : undefined;
    this.now = options.now ?? Date.now;
  }

  /** Queues an event and returns at once; `deviceSecret` adds the device's own signature. */
  send(event: DeviceWebhookEvent, deviceSecret?: string): void {
    if (this.stop.signal.aborted) return;
    this.queue.push({
      id: crypto.randomUUID(),
      body: JSON.stringify(event),
      event,
      ...(deviceSecret && { deviceKey: standardWebhookKey(deviceSecret) }),
    });
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
    const attempts = Math.max(1, this.options.attempts ?? Infinity);
    const retryForMs = this.options.retryForMs ?? 120_000;
    const firstAt = Date.now();
    for (let attempt = 1; !this.stop.signal.aborted; attempt += 1) {
      const { status, reason, retryAfter, durationMs } = await this.post(d);
      const fields = {
        url: logUrl(this.options.url),
        event: d.event.event,
        delivery: d.id,
        status,
        attempt,
        duration_ms: durationMs,
        interface: d.event.interface,
        device: d.event.device,
      };
      if (status !== undefined && status < 300) {
        this.counts.delivered += 1;
        this.options.logger.log('API_CALL', fields);
        return;
      }
      // Exponential backoff with jitter (so many routers do not retry in step), never sooner
      // than the receiver's Retry-After.
      const backoff = Math.min(this.options.maxDelayMs ?? 30_000, (this.options.baseDelayMs ?? 500) * 2 ** (attempt - 1));
      const wait = Math.max(Math.round(backoff / 2 + (Math.random() * backoff) / 2), retryAfter ?? 0);
      const elapsed = Date.now() - firstAt;
      const again = retryable(status) && attempt < attempts && elapsed + wait <= retryForMs;
      this.options.logger.log('API_ERROR', { ...fields, reason, will_retry: again, ...(again && { retry_in_ms: wait }) });
      if (!again) {
        if (retryable(status))
          this.options.logger.log('API_ERROR', {
            url: fields.url,
            event: d.event.event,
            delivery: d.id,
            reason: 'gave_up',
            attempts: attempt,
            elapsed_ms: elapsed,
          });
        break;
      }
      await this.sleep(wait);
    }
    this.counts.failed += 1;
  }

  /** Authorization and signature headers; signed again at each attempt, with its own timestamp. */
  private proofHeaders(d: Delivery): Record<string, string> {
    const headers: Record<string, string> = {};
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    if (this.options.signature === 'github') {
      if (this.options.secret) headers['X-Hub-Signature-256'] = githubSignature(this.options.secret, d.body);
      return headers;
    }
    const keys = [this.sharedKey, d.deviceKey].filter((k): k is Buffer => k !== undefined);
    if (keys.length === 0) return headers;
    const timestamp = Math.floor(this.now() / 1000);
    headers['webhook-id'] = d.id;
    headers['webhook-timestamp'] = String(timestamp);
    // Standard Webhooks allows several signatures, space-separated: any one valid is enough.
    headers['webhook-signature'] = keys.map((key) => standardWebhookSignature(key, d.id, timestamp, d.body)).join(' ');
    return headers;
  }

  private async post(d: Delivery): Promise<{ status?: number; reason?: string; retryAfter?: number; durationMs: number }> {
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      'X-Hooklab-Event': d.event.event,
      // The same id on every retry of one event, so a receiver can drop duplicates.
      'X-Hooklab-Delivery': d.id,
      'Idempotency-Key': d.id,
      ...this.proofHeaders(d),
    };
    const started = Date.now();
    const signal = AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.options.timeoutMs ?? 5000)]);
    try {
      const res = await fetch(this.options.url, { method: 'POST', headers, body: d.body, signal, redirect: 'manual' });
      await res.arrayBuffer().catch(() => undefined);
      const retryAfter = retryAfterMs(res.headers.get('retry-after'), Date.now());
      return {
        status: res.status,
        reason: res.ok ? undefined : res.statusText,
        ...(retryAfter !== undefined && { retryAfter }),
        durationMs: Date.now() - started,
      };
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
