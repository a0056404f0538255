import type { DeviceState } from '../device-state';
import { networkOf, toInt } from '../ipv4';
import { routingTable, type Route } from '../routing-table';

/** The IOS-XE 17 legend, word for word (the trailing space after "inter area" is real). */
const LEGEND = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP',
  '       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       H - NHRP, G - NHRP registered, g - NHRP registration summary',
  '       o - ODR, P - periodic downloaded static route, l - LISP',
  '       a - application route',
  '       + - replicated route, % - next hop override, p - overrides from PfR',
  '       & - replicated local route overrides by connected',
];

/** The mask of the address's class: /8 (A), /16 (B), /24 (C and beyond). */
export function classful(network: string): number {
  const first = Number(network.split('.')[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

/** The text after the code: `10.0.12.0/24 is directly connected, Gi1` or `… [1/0] via 10.0.12.2`. */
function describe(net: string, routes: readonly Route[]): string[] {
  const via = (r: Route): string => `[${r.distance}/0] via ${r.nextHop}${r.iface ? `, ${r.iface}` : ''}`;
  const first = routes[0] as Route;
  if (!first.nextHop) return [`${net} is directly connected, ${first.iface}`];
  return routes.map((r, i) => (i === 0 ? `${net} ${via(r)}` : `${' '.repeat(net.length + 1)}${via(r)}`));
}

function entryLines(routes: readonly Route[], width: number, withMask: boolean): string[] {
  const r = routes[0] as Route;
  const code = r.code === 'S' && r.prefix === 0 ? 'S*' : r.code;
  const net = withMask ? `${r.network}/${r.prefix}` : r.network;
  return describe(net, routes).map((text, i) => (i === 0 ? code.padEnd(width) : ' '.repeat(width)) + text);
}

/** Routes grouped by prefix (equal-cost ones together), in address order. */
function byPrefix(routes: readonly Route[]): Route[][] {
  const groups = new Map<string, Route[]>();
  for (const r of routes) {
    const key = `${r.network}/${r.prefix}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].sort((a, b) => toInt(a[0]!.network) - toInt(b[0]!.network) || a[0]!.prefix - b[0]!.prefix);
}

/**
 * `show ip route [connected|static]`: the legend, the gateway of last resort, then the routes
 * under their classful network ("is subnetted" when all share a mask, "is variably subnetted"
 * otherwise), supernets and lone classful routes on their own. Counts are of the whole table.
 */
export function renderShowIpRoute(state: DeviceState, codes?: ReadonlyArray<Route['code']>): string[] {
  const table = byPrefix(routingTable(state));
  const shown = (entry: Route[]): boolean => !codes || codes.includes(entry[0]!.code);
  const gateway = table.find((e) => e[0]!.prefix === 0);
  const lines = [
    ...LEGEND,
    '',
    gateway ? `Gateway of last resort is ${gateway[0]!.nextHop ?? '0.0.0.0'} to network 0.0.0.0` : 'Gateway of last resort is not set',
    '',
  ];
  const majors = new Map<string, Route[][]>();
  for (const entry of table) {
    const r = entry[0]!;
    const key = r.prefix < classful(r.network) ? `${r.network}/${r.prefix}` : networkOf(r.network, classful(r.network));
    // push, not a copy per entry: a thousand loopbacks share one classful network
    const entries = majors.get(key) ?? [];
    entries.push(entry);
    majors.set(key, entries);
  }
  const keys = [...majors.keys()].sort((a, b) => toInt(a.split('/')[0]!) - toInt(b.split('/')[0]!));
  for (const key of keys) {
    const entries = majors.get(key) ?? [];
    const only = entries[0]![0]!;
    if (entries.length === 1 && only.prefix <= classful(only.network)) {
      if (shown(entries[0]!)) lines.push(...entryLines(entries[0]!, 6, true));
      continue;
    }
    const masks = [...new Set(entries.map((e) => e[0]!.prefix))];
    const visible = entries.filter(shown);
    if (visible.length === 0) continue;
    lines.push(
      masks.length === 1
        ? `      ${key}/${masks[0]} is subnetted, ${entries.length} subnets`
        : `      ${key}/${classful(key)} is variably subnetted, ${entries.length} subnets, ${masks.length} masks`,
    );
    for (const entry of visible) lines.push(...entryLines(entry, 9, masks.length > 1));
  }
  return lines;
}
