import type { DeviceState } from './device-state';
import { isOperUp, type InterfaceState } from './device-interface';
import type { StaticRoute } from './device-settings';
import { inSubnet, networkOf } from './ipv4';

/** One installed route; several with the same prefix share the load (equal distance). */
export interface Route {
  /** `C` connected, `L` local (the interface's own address), `S` static. */
  code: 'C' | 'L' | 'S';
  network: string;
  prefix: number;
  distance: number;
  nextHop?: string;
  /** The interface the route leaves by, when it names one (connected, local, static to an interface). */
  iface?: string;
}

function connected(i: InterfaceState): Route[] {
  if (!i.ip || !isOperUp(i)) return [];
  const c: Route = { code: 'C', network: networkOf(i.ip.address, i.ip.prefix), prefix: i.ip.prefix, distance: 0, iface: i.name };
  // A /32 (a loopback) is its own connected route; anything wider also gets the local /32.
  return i.ip.prefix === 32 ? [c] : [c, { code: 'L', network: i.ip.address, prefix: 32, distance: 0, iface: i.name }];
}

/** Longest-prefix match: every route of the most specific prefix that covers `address`. */
export function lookup(routes: readonly Route[], address: string): Route[] {
  const covering = routes.filter((r) => inSubnet(address, r.network, r.prefix));
  const longest = Math.max(-1, ...covering.map((r) => r.prefix));
  return covering.filter((r) => r.prefix === longest);
}

/** A static route is usable when its interface is up, or its next hop resolves over another route. */
function usable(state: DeviceState, s: StaticRoute, table: readonly Route[]): boolean {
  if (s.exitInterface) {
    const i = state.findInterface(s.exitInterface);
    return i !== undefined && isOperUp(i);
  }
  const via = lookup(table, s.nextHop ?? '');
  return via.some((r) => !(r.code === 'S' && r.network === s.network && r.prefix === s.prefix));
}

/** A ping or traceroute asks every router on the path, often several times: build once per change. */
const CACHE = new WeakMap<DeviceState, { revision: number; routes: Route[] }>();

/**
 * The routing table as IOS builds it: connected and local routes of the interfaces that are up,
 * then each static route whose next hop is reachable (recursively, over routes already in),
 * keeping only the lowest administrative distance per prefix.
 */
export function routingTable(state: DeviceState): Route[] {
  const cached = CACHE.get(state);
  if (cached?.revision === state.revision) return cached.routes;
  const routes = build(state);
  CACHE.set(state, { revision: state.revision, routes });
  return routes;
}

function build(state: DeviceState): Route[] {
  const table = state.interfaces().flatMap(connected);
  const pending = [...state.settings.staticRoutes];
  for (let added = true; added;) {
    added = false;
    for (const s of [...pending]) {
      if (!usable(state, s, table)) continue;
      pending.splice(pending.indexOf(s), 1);
      table.push({
        code: 'S',
        network: s.network,
        prefix: s.prefix,
        distance: s.distance,
        ...(s.nextHop && { nextHop: s.nextHop }),
        ...(s.exitInterface && { iface: s.exitInterface }),
      });
      added = true;
    }
  }
  const best = new Map<string, number>();
  for (const r of table) best.set(`${r.network}/${r.prefix}`, Math.min(best.get(`${r.network}/${r.prefix}`) ?? 256, r.distance));
  return table.filter((r) => r.distance === best.get(`${r.network}/${r.prefix}`));
}

/** Where a packet for `address` leaves: the exit interface and the neighbour to hand it to. */
export function exitFor(routes: readonly Route[], address: string, depth = 0): { iface: string; nextHop: string } | undefined {
  const route = lookup(routes, address)[0];
  if (!route || depth > 8) return undefined;
  if (route.iface) return { iface: route.iface, nextHop: route.nextHop ?? address };
  // A next hop that is not directly connected resolves over the table again (recursive static).
  return exitFor(routes, route.nextHop ?? '', depth + 1);
}
