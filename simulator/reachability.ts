import type { DeviceState } from './device-state';
import { isOperUp } from './device-interface';
import { inSubnet, toInt } from './ipv4';
import { exitFor, routingTable } from './routing-table';

/** IOS traceroute gives up after 30 hops; a routing loop ends the same way. */
export const MAX_HOPS = 30;

/** One router a packet entered on its way, and the address it entered by (what traceroute shows). */
export interface Visit {
  device: DeviceState;
  address: string;
}

export interface Walk {
  delivered: boolean;
  /** The device owning the address; undefined when a host on an unmodelled LAN answered. */
  owner?: DeviceState;
  visits: Visit[];
  /** The address the first router sends from (its exit interface), for the answer to come back to. */
  source?: string;
}

/** The device's own address on an interface that is up. */
export function ownsAddress(state: DeviceState, address: string): boolean {
  return state.interfaces().some((i) => i.ip?.address === address && isOperUp(i));
}

/**
 * Follows a packet hop by hop over the routing tables and cables of the lab. Over a cable, the
 * next hop must be the far end's address (ARP would fail otherwise); on an interface without a
 * modelled cable, hosts of the connected subnet answer and nothing beyond it does.
 */
export function walk(from: DeviceState, target: string, ttl = MAX_HOPS): Walk {
  const visits: Visit[] = [];
  let source: string | undefined;
  let device = from;
  for (let hop = 0; hop <= ttl; hop += 1) {
    if (ownsAddress(device, target)) return { delivered: true, owner: device, visits, ...(source && { source }) };
    const exit = exitFor(routingTable(device), target);
    const iface = exit && device.findInterface(exit.iface);
    if (!exit || !iface?.ip || !isOperUp(iface)) break;
    source ??= iface.ip.address;
    const peer = device.fabric.peer(device, iface.name);
    if (!peer) {
      const host = exit.nextHop === target && inSubnet(target, iface.ip.address, iface.ip.prefix) && isHostAddress(target, iface.ip.prefix);
      return { delivered: host, visits, source };
    }
    if (!isOperUp(peer.iface) || peer.iface.ip?.address !== exit.nextHop) break;
    visits.push({ device: peer.device, address: peer.iface.ip.address });
    device = peer.device;
  }
  return { delivered: false, visits, ...(source && { source }) };
}

/** Neither the network nor the broadcast address of its subnet. */
function isHostAddress(address: string, prefix: number): boolean {
  if (prefix >= 31) return true;
  const size = 2 ** (32 - prefix);
  const offset = toInt(address) % size;
  return offset !== 0 && offset !== size - 1;
}

/** Whether an answer from `responder` finds its way back to `source`, which `origin` owns. */
export function answersReach(responder: DeviceState | undefined, source: string, origin: DeviceState): boolean {
  if (!responder) return true;
  const back = walk(responder, source);
  return back.delivered && back.owner === origin;
}

/** `ping`: the echo reaches the target and the reply comes back (to `source` when one is given). */
export function pingSucceeds(from: DeviceState, target: string, source?: string): boolean {
  if (ownsAddress(from, target)) return true;
  const out = walk(from, target);
  return out.delivered && answersReach(out.owner, source ?? out.source ?? '', from);
}
