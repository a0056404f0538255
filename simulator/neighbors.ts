import type { DeviceState } from './device-state';
import { isOperUp, type InterfaceState } from './device-interface';
import { interfaceType } from '../common/ios/ios-names';
import { inSubnet, toInt } from './ipv4';

/** A device heard on a cable: who, on which of our interfaces, from which of theirs. */
export interface Neighbor {
  local: InterfaceState;
  device: DeviceState;
  remote: InterfaceState;
  /** Since when both ends have been up: the first advertisement. */
  since: number;
}

/**
 * CDP or LLDP neighbours: a cable whose two ends are up, with the protocol running on both
 * devices. An interface going down flushes what was learnt on it, as IOS does.
 */
export function discoveryNeighbors(state: DeviceState, protocol: 'cdp' | 'lldp'): Neighbor[] {
  if (!state.settings[protocol]) return [];
  return state.interfaces().flatMap((local) => {
    const peer = isOperUp(local) ? state.fabric.peer(state, local.name) : undefined;
    if (!peer || !isOperUp(peer.iface) || !peer.device.settings[protocol]) return [];
    return [{ local, device: peer.device, remote: peer.iface, since: Math.max(local.lastChangeAt, peer.iface.lastChangeAt) }];
  });
}

/** Seconds left of a neighbour's hold time: advertised every `interval`, held for `hold`. */
export function holdRemaining(n: Neighbor, now: number, interval: number, hold: number): number {
  return hold - (Math.floor(Math.max(0, now - n.since) / 1000) % interval);
}

/** One line of `show ip arp`. */
export interface ArpEntry {
  address: string;
  /** Minutes since learnt; undefined for the device's own addresses (`-`). */
  ageMin?: number;
  mac: string;
  iface: string;
}

/**
 * The ARP table: the device's own addresses on up Ethernet interfaces, and the address of the
 * neighbour at the far end of each up cable when it is on the same subnet.
 */
export function arpEntries(state: DeviceState): ArpEntry[] {
  const now = state.now();
  const entries = state.interfaces().flatMap((i): ArpEntry[] => {
    if (!i.ip || !isOperUp(i) || !interfaceType(i.name).endsWith('Ethernet')) return [];
    const own: ArpEntry = { address: i.ip.address, mac: i.mac, iface: i.name };
    const peer = state.fabric.peer(state, i.name);
    const far = peer?.iface.ip;
    if (!peer || !far || !isOperUp(peer.iface) || !inSubnet(far.address, i.ip.address, i.ip.prefix)) return [own];
    const learnt = Math.max(i.lastChangeAt, peer.iface.lastChangeAt);
    // Entries are refreshed before their 4-hour timeout, so the age never passes 240 minutes.
    return [
      own,
      { address: far.address, ageMin: Math.floor(Math.max(0, now - learnt) / 60_000) % 240, mac: peer.iface.mac, iface: i.name },
    ];
  });
  return entries.sort((a, b) => toInt(a.address) - toInt(b.address));
}
