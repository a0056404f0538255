import crypto from 'node:crypto';
import type { DeviceSpec } from '../common/inventory/device-inventory';
import { LoggingBuffer } from './logging-buffer';
import { advanceCounters, createInterfaceState, isOperUp, type InterfaceState } from './device-interface';
import { defaultInterfaces } from './default-interfaces';
import { normalizeInterfaceName } from '../common/ios/ios-names';
import type { Ipv4Prefix } from './ipv4';
import { defaultSettings, type DeviceSettings } from './device-settings';
import { STANDALONE, type Fabric } from './fabric';
import { VtySessions } from './vty-sessions';
import { DeviceFiles } from './files/device-files';

/** What the rest of the simulator reacts to: webhooks, `terminal monitor`, stats. */
export type DeviceEvent =
  | { type: 'syslog'; line: string; message: string }
  | { type: 'interface'; name: string; up: boolean; at: Date }
  /** `shutdown` / `no shutdown`, which the far end of a cable feels as carrier lost or back. */
  | { type: 'admin'; name: string; shutdown: boolean }
  | { type: 'config'; by: string; at: Date };

export interface DeviceStateOptions {
  /** Clock, injectable so tests can move time. */
  now?: () => number;
  /** Position in the inventory, to give each device distinct default addresses. */
  index?: number;
  /** Interfaces that start without carrier (their cable's far end is shut down). */
  noCarrier?: readonly string[];
}

/**
 * One device's state: hostname, interfaces, logging buffer and configuration history. Every
 * change goes through here, so show output, syslog lines and events can never disagree.
 */
export class DeviceState {
  hostname: string;
  readonly spec: DeviceSpec;
  readonly bootedAt: number;
  readonly serial: string;
  readonly logging = new LoggingBuffer();
  lastChange: { at: number; by: string } | undefined;
  /** `write memory` stores the rendered running-config here. */
  startupConfig: string | undefined;
  /** Routes, CDP/LLDP, NTP, users and banner: everything global that `configure` changes. */
  readonly settings: DeviceSettings;
  /** The cables around the device; a lab network replaces the standalone default. */
  fabric: Fabric<DeviceState> = STANDALONE;
  readonly sessions = new VtySessions();
  /** The files users and tools put on bootflash: (`copy`, SCP). */
  readonly files = new DeviceFiles();
  /** Goes up with every change, so what is derived from the state (routes) can be cached. */
  revision = 0;
  readonly now: () => number;
  private readonly ifaces: InterfaceState[];
  private readonly seed: number;
  private readonly listeners = new Set<(event: DeviceEvent) => void>();

  constructor(spec: DeviceSpec, options: DeviceStateOptions = {}) {
    this.spec = spec;
    this.hostname = spec.name;
    this.now = options.now ?? Date.now;
    this.bootedAt = this.now();
    this.seed = crypto.createHash('sha256').update(spec.name).digest().readUInt32BE(0);
    this.serial = spec.serial ?? `9${this.seed.toString(36).toUpperCase().padStart(7, 'X')}ABC`.slice(0, 11);
    const specs = spec.interfaces ?? defaultInterfaces(options.index ?? 0);
    this.ifaces = specs.map((s, i) => createInterfaceState(s, this.seed, i, this.bootedAt));
    for (const i of this.ifaces) i.linkUp = !options.noCarrier?.some((n) => n.toLowerCase() === i.name.toLowerCase());
    this.settings = defaultSettings(spec);
    this.syslog('%SYS-5-RESTART: System restarted --');
    const up = this.ifaces.filter(isOperUp);
    for (const i of up) this.syslog(`%LINK-3-UPDOWN: Interface ${i.name}, changed state to up`);
    for (const i of up) this.syslog(`%LINEPROTO-5-UPDOWN: Line protocol on Interface ${i.name}, changed state to up`);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (event: DeviceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Interfaces in configuration order, with counters brought up to now. */
  interfaces(): readonly InterfaceState[] {
    const now = this.now();
    for (const i of this.ifaces) advanceCounters(i, now);
    return this.ifaces;
  }

  /** Finds an interface by any accepted spelling (Gi1, gi 1, GigabitEthernet1). */
  findInterface(text: string): InterfaceState | undefined {
    const name = normalizeInterfaceName(text) ?? text;
    const found = this.ifaces.find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (found) advanceCounters(found, this.now());
    return found;
  }

  /** Adds a virtual interface (`interface Loopback9`); returns the existing one if present. */
  addInterface(name: string, by: string): InterfaceState {
    const existing = this.findInterface(name);
    if (existing) return existing;
    const created = createInterfaceState({ name }, this.seed, this.ifaces.length, this.now());
    this.ifaces.push(created);
    this.markChanged(by);
    this.syslog(`%LINK-3-UPDOWN: Interface ${name}, changed state to up`);
    this.syslog(`%LINEPROTO-5-UPDOWN: Line protocol on Interface ${name}, changed state to up`);
    return created;
  }

  removeInterface(name: string, by: string): boolean {
    const index = this.ifaces.findIndex((i) => i.name === name);
    if (index < 0) return false;
    this.ifaces.splice(index, 1);
    this.markChanged(by);
    return true;
  }

  /** `shutdown` / `no shutdown`. Returns true when the administrative state changed. */
  setShutdown(name: string, shutdown: boolean, by: string): boolean {
    const i = this.findInterface(name);
    if (!i || i.shutdown === shutdown) return false;
    this.markChanged(by);
    this.transition(i, () => (i.shutdown = shutdown), shutdown ? '%LINK-5-CHANGED' : '%LINK-3-UPDOWN');
    this.emit({ type: 'admin', name: i.name, shutdown });
    return true;
  }

  /** Carrier lost or back (a flap), which is not a configuration change. */
  setLink(name: string, up: boolean): boolean {
    const i = this.findInterface(name);
    if (!i || i.linkUp === up) return false;
    // A port that is shut down reports nothing; `no shutdown` will find the carrier as it is.
    if (i.shutdown) {
      i.linkUp = up;
      this.revision += 1;
    } else this.transition(i, () => (i.linkUp = up), '%LINK-3-UPDOWN');
    return true;
  }

  setDescription(name: string, description: string | undefined, by: string): void {
    const i = this.findInterface(name);
    if (!i) return;
    if (description === undefined) delete i.description;
    else i.description = description;
    this.markChanged(by);
  }

  /** `mtu N` / `no mtu`. */
  setMtu(name: string, mtu: number | undefined, by: string): void {
    const i = this.findInterface(name);
    if (!i) return;
    if (mtu === undefined) delete i.mtu;
    else i.mtu = mtu;
    this.markChanged(by);
  }

  setAddress(name: string, ip: Ipv4Prefix | undefined, by: string): void {
    const i = this.findInterface(name);
    if (!i) return;
    if (ip) i.ip = ip;
    else delete i.ip;
    i.method = ip ? 'manual' : 'unset';
    this.markChanged(by);
  }

  /** Applies a change to the global settings as a configuration change by `by`. */
  configure<T>(by: string, change: (settings: DeviceSettings) => T): T {
    const result = change(this.settings);
    this.markChanged(by);
    return result;
  }

  setHostname(hostname: string, by: string): void {
    this.hostname = hostname;
    this.markChanged(by);
  }

  /**
   * Leaving configuration mode: IOS logs CONFIG_I whether or not anything changed. `from` is
   * `console` for typed commands, the file's path for `copy FILE running-config`.
   */
  endConfigSession(by: string, line: string, source: string, from = 'console'): void {
    this.syslog(`%SYS-5-CONFIG_I: Configured from ${from} by ${by} on ${line} (${source})`);
    this.emit({ type: 'config', by, at: new Date(this.now()) });
  }

  /** Adds a message to the logging buffer and tells subscribers (terminal monitor). */
  syslog(message: string): void {
    const line = this.logging.add(message, new Date(this.now()));
    this.emit({ type: 'syslog', line, message });
  }

  private markChanged(by: string): void {
    this.revision += 1;
    this.lastChange = { at: this.now(), by };
  }

  private transition(i: InterfaceState, mutate: () => void, linkMnemonic: string): void {
    const wasUp = isOperUp(i);
    mutate();
    const up = isOperUp(i);
    const linkState = i.shutdown ? 'administratively down' : i.linkUp ? 'up' : 'down';
    this.syslog(`${linkMnemonic}: Interface ${i.name}, changed state to ${linkState}`);
    if (wasUp === up) return;
    i.lastChangeAt = this.now();
    if (!up) i.counters.resets += 1;
    this.syslog(`%LINEPROTO-5-UPDOWN: Line protocol on Interface ${i.name}, changed state to ${up ? 'up' : 'down'}`);
    this.emit({ type: 'interface', name: i.name, up, at: new Date(this.now()) });
  }

  private emit(event: DeviceEvent): void {
    this.revision += 1;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing subscriber (a closed session) must never break the device.
      }
    }
  }
}
