import type { EventLogger } from '../common/logging/create-logger';
import type { LogFields } from '../common/logging/log-line';
import type { DeviceState } from './device-state';
import { interfaceJson, type InterfaceJson } from './interface-json';

/** One thing the router did that the lab dashboard shows (GET /feed on the control port). */
export type RouterActivity = { at: string; device?: string } & (
  | { kind: 'syslog'; line: string }
  | { kind: 'state'; interfaces: InterfaceJson[] }
  | {
      kind: 'webhook';
      event: string;
      interface?: string;
      delivery?: string;
      status?: number;
      attempt?: number;
      duration_ms?: number;
      ok: boolean;
      reason?: string;
      will_retry?: boolean;
    }
  | { kind: 'ssh'; what: string; user?: string; source?: string; method?: string }
  | { kind: 'command'; command: string; user?: string; source?: string; outcome?: string }
  | { kind: 'security'; what?: string; user?: string; source?: string; reason?: string }
);

const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const SSH_EVENTS = new Set(['login', 'session_open', 'session_close']);

/**
 * The router's log lines the dashboard cares about, as activity: webhooks it sent (with their
 * answers), SSH logins and sessions, commands typed, refused logins. The lines are the ones
 * the simulator already writes (never a password), so the feed shows nothing the log does not.
 */
function fromLogLine(type: string, f: LogFields): RouterActivity | undefined {
  const at = new Date().toISOString();
  const device = text(f.device);
  if ((type === 'API_CALL' || type === 'API_ERROR') && f.event !== undefined) {
    return {
      at,
      device,
      kind: 'webhook',
      event: String(f.event),
      interface: text(f.interface),
      delivery: text(f.delivery),
      status: num(f.status),
      attempt: num(f.attempt),
      duration_ms: num(f.duration_ms),
      ok: type === 'API_CALL',
      reason: text(f.reason),
      will_retry: typeof f.will_retry === 'boolean' ? f.will_retry : undefined,
    };
  }
  if (type === 'DEVICE_CONNECT' && SSH_EVENTS.has(String(f.event))) {
    return { at, device, kind: 'ssh', what: String(f.event), user: text(f.user), source: text(f.source), method: text(f.method) };
  }
  if (type === 'DEVICE_COMMAND' && f.command !== undefined) {
    return {
      at,
      device,
      kind: 'command',
      command: String(f.command),
      user: text(f.user),
      source: text(f.source),
      outcome: text(f.outcome),
    };
  }
  if (type === 'SECURITY')
    return { at, device, kind: 'security', what: text(f.event), user: text(f.user), source: text(f.source), reason: text(f.reason) };
  return undefined;
}

/**
 * What the router did lately (bounded), and who is watching: the control port's GET /feed.
 * Fed from two places: the device state (interfaces, syslog) and the simulator's log lines.
 */
export class ActivityFeed {
  private readonly kept: RouterActivity[] = [];
  private readonly watchers = new Set<(a: RouterActivity) => void>();
  private readonly closers = new Set<() => void>();

  constructor(private readonly max = 300) {}

  push(activity: RouterActivity): void {
    this.kept.push(activity);
    if (this.kept.length > this.max) this.kept.splice(0, this.kept.length - this.max);
    for (const watcher of this.watchers) watcher(activity);
  }

  recent(): RouterActivity[] {
    return [...this.kept];
  }

  /** Calls `onActivity` for each new activity until the returned function is called; `onClose` when the simulator stops. */
  watch(onActivity: (a: RouterActivity) => void, onClose: () => void): () => void {
    this.watchers.add(onActivity);
    this.closers.add(onClose);
    return () => {
      this.watchers.delete(onActivity);
      this.closers.delete(onClose);
    };
  }

  /** A logger that writes as `logger` does and also feeds this activity. */
  tap(logger: EventLogger): EventLogger {
    return {
      log: (type, fields = {}, level) => {
        logger.log(type, fields, level);
        const activity = fromLogLine(type, fields);
        if (activity) this.push(activity);
      },
      close: () => logger.close(),
    };
  }

  /** Follows a device's syslog and interface changes; returns the unsubscribe function. */
  follow(state: DeviceState): () => void {
    return state.subscribe((event) => {
      const at = new Date().toISOString();
      const device = state.spec.name;
      if (event.type === 'syslog') this.push({ at, device, kind: 'syslog', line: event.line });
      // Any change of an interface's state: a fresh table for the dashboard.
      if (event.type === 'interface' || (event.type === 'syslog' && /%LINK-/.test(event.line))) {
        this.push({ at, device, kind: 'state', interfaces: state.interfaces().map(interfaceJson) });
      }
    });
  }

  /** Ends every watcher's stream (the simulator is stopping). */
  close(): void {
    for (const close of [...this.closers]) close();
    this.watchers.clear();
    this.closers.clear();
  }
}
