import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { AppConfig } from '../config/load-config';
import { KnownHosts } from './known-hosts';
import { AppError } from '../errors';
import { DeviceSession, type DeviceSessionOptions } from './device-session';
import { openDeviceSession } from './open-device-session';
import { ConcurrencyLimit } from './limit-concurrency';
import { findDevice } from './find-device';
import { publishDeviceActivity } from '../observe/device-activity';

export interface DevicePoolOptions extends DeviceSessionOptions {
  devices: readonly DeviceSpec[];
  logger?: EventLogger;
  /** A session unused this long is closed (default 60 s); the next task reconnects. */
  idleTimeoutMs?: number;
  /** Devices worked on at the same time (default 8). */
  maxParallelDevices?: number;
  /** Tasks running or waiting per device before new ones are refused with 429 (default 32). */
  maxQueuePerDevice?: number;
  /** How sessions are opened (tests may wrap it). */
  openSession?: (spec: DeviceSpec, options: DeviceSessionOptions) => Promise<DeviceSession>;
}

/** One device's lane: its session, its queue, and how long a task usually takes there. */
interface Lane {
  spec: DeviceSpec;
  session?: DeviceSession;
  tail: Promise<unknown>;
  pending: number;
  avgMs: number;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Sessions shared across events: one per device, opened on first use, reused while it lives,
 * closed after an idle period and rebuilt when it was dropped. Tasks on one device run one after
 * the other (an IOS CLI session is a single conversation); different devices run in parallel.
 */
export class DevicePool {
  private readonly lanes = new Map<string, Lane>();
  private readonly parallel: ConcurrencyLimit;
  /** No new tasks are accepted (the server is stopping). */
  private closed = false;
  /** Sessions are closed: a task that had not started by now fails rather than reconnect. */
  private stopped = false;

  constructor(private readonly options: DevicePoolOptions) {
    this.parallel = new ConcurrencyLimit(options.maxParallelDevices ?? 8);
  }

  /** A pool with the timeouts and known-hosts file of the lab's configuration. */
  static fromConfig(
    config: Pick<AppConfig, 'deviceConnectTimeoutMs' | 'deviceCommandTimeoutMs' | 'knownHostsFile'>,
    devices: readonly DeviceSpec[],
    logger?: EventLogger,
  ): DevicePool {
    return new DevicePool({
      devices,
      knownHosts: new KnownHosts(config.knownHostsFile),
      connectTimeoutMs: config.deviceConnectTimeoutMs,
      commandTimeoutMs: config.deviceCommandTimeoutMs,
      ...(logger && { logger }),
    });
  }

  /** The inventory entry for a name (any case); the default device when none is given. */
  resolve(name?: string): DeviceSpec {
    return findDevice(this.options.devices, name);
  }

  /**
   * Runs `task` with the device's session, after the tasks queued before it. Throws
   * RATE_LIMITED synchronously (before queuing anything) when the device's queue is full.
   */
  run<T>(device: string, task: (session: DeviceSession) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('DEVICE_UNREACHABLE', 'The server is stopping; no new device work is accepted.'));
    const lane = this.lane(this.resolve(device));
    const limit = this.options.maxQueuePerDevice ?? 32;
    if (lane.pending >= limit) {
      const retryAfter = Math.max(1, Math.ceil((lane.pending * lane.avgMs) / 1000));
      throw new AppError('RATE_LIMITED', `${lane.spec.name} already has ${lane.pending} requests queued; retry in ${retryAfter} s.`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
    lane.pending += 1;
    const result = lane.tail.then(() => this.parallel.run(() => this.withSession(lane, task)));
    lane.tail = result.catch(() => undefined);
    return result.finally(() => (lane.pending -= 1));
  }

  /** Per device: is a session open, and how many tasks are running or waiting. */
  status(): Record<string, { connected: boolean; pending: number }> {
    return Object.fromEntries(
      [...this.lanes.values()].map((l) => [l.spec.name, { connected: Boolean(l.session?.alive), pending: l.pending }]),
    );
  }

  /**
   * Refuses new work, lets the tasks already queued finish (an answer or a 202 job someone will
   * poll), for at most `graceMs`, then closes every session.
   */
  async close(graceMs = 10_000): Promise<void> {
    this.closed = true;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all([...this.lanes.values()].map((lane) => lane.tail)), grace]);
    clearTimeout(timer);
    this.stopped = true;
    await Promise.all([...this.lanes.values()].map((lane) => this.drop(lane)));
  }

  private lane(spec: DeviceSpec): Lane {
    let lane = this.lanes.get(spec.name);
    if (!lane) {
      lane = { spec, tail: Promise.resolve(), pending: 0, avgMs: 100 };
      this.lanes.set(spec.name, lane);
    }
    return lane;
  }

  private async withSession<T>(lane: Lane, task: (session: DeviceSession) => Promise<T>): Promise<T> {
    if (this.stopped) throw new AppError('DEVICE_UNREACHABLE', 'The server is stopping; no new device work is accepted.');
    clearTimeout(lane.idleTimer);
    const started = Date.now();
    try {
      if (!lane.session?.alive) {
        lane.session = undefined;
        const open = this.options.openSession ?? openDeviceSession;
        lane.session = await open(lane.spec, this.options);
      } else {
        publishDeviceActivity({ type: 'session-reused', device: lane.spec.name });
      }
      return await task(lane.session);
    } finally {
      lane.avgMs = lane.avgMs * 0.8 + (Date.now() - started) * 0.2;
      const idleMs = this.options.idleTimeoutMs ?? 60_000;
      lane.idleTimer = setTimeout(() => void this.drop(lane), idleMs);
      lane.idleTimer.unref();
    }
  }

  private async drop(lane: Lane): Promise<void> {
    clearTimeout(lane.idleTimer);
    const session = lane.session;
    lane.session = undefined;
    await session?.close();
  }
}
