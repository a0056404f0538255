import type { InterfaceSpec } from '../common/inventory/device-inventory';
import { parsePrefix, type Ipv4Prefix } from './ipv4';
import { interfaceType } from '../common/ios/ios-names';

/** Packet and byte totals, as `show interfaces` prints them. */
export interface InterfaceCounters {
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  broadcastsIn: number;
  resets: number;
}

/** The live state of one interface. */
export interface InterfaceState {
  name: string;
  ip?: Ipv4Prefix;
  /** How the address was set, for `show ip interface brief`'s Method column. */
  method: 'NVRAM' | 'manual' | 'unset';
  description?: string;
  /** `mtu N`; unset means the type's default (1500 on Ethernet, 1514 on a loopback). */
  mtu?: number;
  /** Administratively down (`shutdown`). */
  shutdown: boolean;
  /** Carrier present; a flap from the control port takes it away for a moment. */
  linkUp: boolean;
  mac: string;
  /** Packets per second while up, so counters visibly move between two `show` commands. */
  rate: number;
  counters: InterfaceCounters;
  countedAt: number;
  lastChangeAt: number;
}

/** Up/up only when neither shut down nor without carrier. */
export function isOperUp(i: InterfaceState): boolean {
  return !i.shutdown && i.linkUp;
}

/** `show ip interface brief` Status column. */
export function statusText(i: InterfaceState): 'up' | 'down' | 'administratively down' {
  if (i.shutdown) return 'administratively down';
  return i.linkUp ? 'up' : 'down';
}

export function hasTraffic(i: InterfaceState): boolean {
  return interfaceType(i.name) !== 'Loopback';
}

/** Creates the state for a spec; `seed` varies MAC addresses and traffic between devices. */
export function createInterfaceState(spec: InterfaceSpec, seed: number, index: number, now: number): InterfaceState {
  const ip = spec.ip ? parsePrefix(spec.ip) : undefined;
  const macTail = ((seed + index * 0x101) & 0xffffff).toString(16).padStart(6, '0');
  const traffic = hasTraffic({ name: spec.name } as InterfaceState);
  return {
    name: spec.name,
    ...(ip && { ip }),
    method: ip ? 'NVRAM' : 'unset',
    ...(spec.description !== undefined && { description: spec.description }),
    shutdown: spec.shutdown ?? false,
    linkUp: true,
    mac: `5254.00${macTail.slice(0, 2)}.${macTail.slice(2)}`,
    rate: traffic ? 3 + ((seed >> (index % 8)) % 7) : 0,
    counters: traffic
      ? {
          packetsIn: 1000 + (seed % 5000),
          bytesIn: 92000 + (seed % 5000) * 92,
          packetsOut: 800 + (seed % 4000),
          bytesOut: 70400 + (seed % 4000) * 88,
          broadcastsIn: 20,
          resets: 1,
        }
      : { packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, broadcastsIn: 0, resets: 0 },
    countedAt: now,
    lastChangeAt: now,
  };
}

/** Adds the traffic an up interface would have seen since it was last counted. */
export function advanceCounters(i: InterfaceState, now: number): void {
  if (!isOperUp(i) || i.rate === 0) {
    i.countedAt = now;
    return;
  }
  const inPkts = Math.floor((Math.max(0, now - i.countedAt) / 1000) * i.rate);
  // Only whole packets are counted; the remainder of the interval carries over to the next look.
  i.countedAt += (inPkts / i.rate) * 1000;
  const outPkts = Math.floor(inPkts * 0.8);
  i.counters.packetsIn += inPkts;
  i.counters.bytesIn += inPkts * 92;
  i.counters.packetsOut += outPkts;
  i.counters.bytesOut += outPkts * 88;
  i.counters.broadcastsIn += Math.floor(inPkts / 50);
}
