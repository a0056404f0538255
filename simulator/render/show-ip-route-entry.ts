import type { DeviceState } from '../device-state';
import { inSubnet, maskToPrefix, networkOf } from '../ipv4';
import { lookup, routingTable, type Route } from '../routing-table';
import { classful } from './show-ip-route';

/** `Known via "static", distance 1, metric 0 (connected)`: what found the route and how it leaves. */
function knownVia(r: Route): string {
  const source = r.code === 'S' ? 'static' : 'connected';
  let detail = '';
  if (r.code === 'C') detail = ' (connected, via interface)';
  else if (r.code === 'L' || !r.nextHop) detail = ' (connected)';
  const candidate = r.code === 'S' && r.prefix === 0 ? ', candidate default path' : '';
  return `  Known via "${source}", distance ${r.distance}, metric 0${candidate}${detail}`;
}

/** One routing descriptor block: the next hop (or the interface), and its metric line. */
function descriptor(r: Route, first: boolean): string[] {
  const mark = first ? '*' : ' ';
  let hop = `directly connected, via ${r.iface}`;
  if (r.nextHop) hop = r.iface ? `${r.nextHop}, via ${r.iface}` : r.nextHop;
  return [`  ${mark} ${hop}`, '      Route metric is 0, traffic share count is 1'];
}

/** The entry IOS prints for the installed routes of one prefix. */
function entry(routes: readonly Route[]): string[] {
  const r = routes[0] as Route;
  const supernet = r.prefix < classful(r.network) ? ', supernet' : '';
  return [
    `Routing entry for ${r.network}/${r.prefix}${supernet}`,
    knownVia(r),
    '  Routing Descriptor Blocks:',
    ...routes.flatMap((route, i) => descriptor(route, i === 0)),
  ];
}

/**
 * `show ip route A.B.C.D [MASK]`: IOS's "Routing entry for" block from the routing table. Without
 * a mask, the most specific route covering the address (the default route only when asked for
 * 0.0.0.0 itself); with one, exactly that prefix. Nothing found: `% Subnet not in table` when
 * the address's classful network holds routes, `% Network not in table` when it holds none.
 */
export function renderRouteEntry(state: DeviceState, address: string, mask?: string): string[] {
  const table = routingTable(state);
  let found: Route[];
  if (mask !== undefined) {
    const prefix = maskToPrefix(mask) ?? 32;
    const network = networkOf(address, prefix);
    found = table.filter((r) => r.network === network && r.prefix === prefix);
  } else {
    found = lookup(
      table.filter((r) => r.prefix > 0 || address === '0.0.0.0'),
      address,
    );
  }
  if (found.length > 0) return entry(found);
  const major = networkOf(address, classful(address));
  const known = table.some((r) => r.prefix >= classful(address) && inSubnet(r.network, major, classful(address)));
  return [known ? '% Subnet not in table' : '% Network not in table'];
}
