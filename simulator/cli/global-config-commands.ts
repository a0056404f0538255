import type { CommandArgs, CommandDef, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import type { StaticRoute } from '../device-settings';
import { maskToPrefix, networkOf } from '../ipv4';
import { askBanner } from './banner-entry';

/**
 * What one device keeps at most. A real router holds far more; these bounds only stop a paste
 * of thousands of lines from growing memory and the route computation without end.
 */
export const LIMITS = { staticRoutes: 100, users: 50, ntpServers: 10 } as const;

const full = (what: string, limit: number): string[] => [`% The simulator keeps at most ${limit} ${what}`];

/** `ip route NETWORK MASK …`: the network must be the mask's own network, as IOS insists. */
function addRoute(state: DeviceState, session: SessionControl, a: CommandArgs): CommandResult {
  const network = a.values.network ?? '';
  const prefix = maskToPrefix(a.values.mask ?? '') ?? 0;
  if (networkOf(network, prefix) !== network) return ['%Inconsistent address and mask'];
  if (a.values.if && !state.findInterface(a.values.if)) return new InvalidInput(a.offsets.if ?? 0);
  const route: StaticRoute = {
    network,
    prefix,
    distance: Number(a.values.distance ?? 1),
    ...(a.values.nexthop && { nextHop: a.values.nexthop }),
    ...(a.values.if && { exitInterface: state.findInterface(a.values.if)?.name }),
    ...(a.values.label && { name: a.values.label }),
  };
  const same = (r: StaticRoute): boolean =>
    r.network === route.network && r.prefix === route.prefix && r.nextHop === route.nextHop && r.exitInterface === route.exitInterface;
  const routes = state.settings.staticRoutes;
  if (!routes.some(same) && routes.length >= LIMITS.staticRoutes) return full('static routes', LIMITS.staticRoutes);
  state.configure(session.user, (s) => {
    // Entering the same route again only changes its distance, as on IOS.
    s.staticRoutes = [...s.staticRoutes.filter((r) => !same(r)), route];
  });
}

/** `no ip route NETWORK MASK [NEXT-HOP]`: every matching route, or `%No matching route to delete`. */
function removeRoute(state: DeviceState, session: SessionControl, a: CommandArgs): CommandResult {
  const prefix = maskToPrefix(a.values.mask ?? '') ?? 0;
  const match = (r: StaticRoute): boolean =>
    r.network === a.values.network && r.prefix === prefix && (!a.values.nexthop || r.nextHop === a.values.nexthop);
  if (!state.settings.staticRoutes.some(match)) return ['%No matching route to delete'];
  state.configure(session.user, (s) => (s.staticRoutes = s.staticRoutes.filter((r) => !match(r))));
}

/** `username NAME [privilege N] secret [0|9] SECRET`: a new account, or a new secret or level. */
function setUser(state: DeviceState, session: SessionControl, a: CommandArgs): CommandResult {
  const name = a.values.name ?? '';
  // IOS user names are at most 64 characters.
  if (name.length > 64) return new InvalidInput((a.offsets.name ?? 0) + 64);
  const text = (a.values.secret ?? '').trim();
  const typed = /^(0|5|8|9)\s+(\S.*)$/.exec(text);
  const hashed = typed && typed[1] !== '0' ? typed[2] : undefined;
  const secret = typed ? (typed[2] ?? '') : text;
  const existing = state.settings.users.find((u) => u.name === name);
  if (!existing && state.settings.users.length >= LIMITS.users) return full('local users', LIMITS.users);
  const privilege = a.values.level !== undefined ? Number(a.values.level) : (existing?.privilege ?? 1);
  state.configure(session.user, (s) => {
    const others = s.users.filter((u) => u.name !== name);
    s.users = [
      ...others,
      { name, privilege, secret: hashed ? '' : secret, ...(hashed && { hashed }), revision: (existing?.revision ?? 0) + 1 },
    ];
  });
}

/** What may follow `ip route NETWORK MASK`: next hop and/or interface, a distance, a `name`. */
const ROUTE_TAILS = [
  '<ipv4:nexthop>',
  '<ipv4:nexthop> <1-255:distance>',
  '<interface:if>',
  '<interface:if> <1-255:distance>',
  '<interface:if> <ipv4:nexthop>',
  '<interface:if> <ipv4:nexthop> <1-255:distance>',
].flatMap((tail) => [tail, `${tail} name <word:label>`]);

const route = (tail: string): string => `ip route <ipv4:network> <mask:mask> ${tail}`.trim();

/** Global settings beyond hostname and interfaces: routes, CDP/LLDP, NTP, users, the MOTD banner. */
export const globalConfigCommands: CommandDef[] = [
  ...ROUTE_TAILS.map((tail): CommandDef => ({ pattern: route(tail), privilege: 15, run: (s, session, a) => addRoute(s, session, a) })),
  { pattern: `no ${route('')}`, privilege: 15, run: (s, session, a) => removeRoute(s, session, a) },
  // Ansible's ios_static_routes removes a route by `no` + the whole line it would add.
  ...ROUTE_TAILS.map((tail): CommandDef => ({
    pattern: `no ${route(tail)}`,
    privilege: 15,
    run: (s, session, a) => removeRoute(s, session, a),
  })),
  { pattern: 'cdp run', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.cdp = true)) },
  { pattern: 'no cdp run', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.cdp = false)) },
  { pattern: 'lldp run', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.lldp = true)) },
  { pattern: 'no lldp run', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void (c.lldp = false)) },
  {
    pattern: 'ntp server <ipv4:server>',
    privilege: 15,
    run: (s, session, a) => {
      const servers = s.settings.ntpServers;
      if (!servers.includes(a.values.server ?? '') && servers.length >= LIMITS.ntpServers) return full('NTP servers', LIMITS.ntpServers);
      s.configure(session.user, (c) => void (c.ntpServers = [...c.ntpServers.filter((n) => n !== a.values.server), a.values.server ?? '']));
    },
  },
  {
    pattern: 'no ntp server <ipv4:server>',
    privilege: 15,
    run: (s, session, a) => s.configure(session.user, (c) => void (c.ntpServers = c.ntpServers.filter((n) => n !== a.values.server))),
  },
  { pattern: 'username <word:name> secret <secret:secret>', privilege: 15, run: (s, session, a) => setUser(s, session, a) },
  {
    pattern: 'username <word:name> privilege <0-15:level> secret <secret:secret>',
    privilege: 15,
    run: (s, session, a) => setUser(s, session, a),
  },
  {
    pattern: 'no username <word:name>',
    privilege: 15,
    run: (s, session, a) => s.configure(session.user, (c) => void (c.users = c.users.filter((u) => u.name !== a.values.name))),
  },
  { pattern: 'banner motd <line:text>', privilege: 15, run: (s, session, a) => askBanner(s, session, a.values.text ?? '') },
  { pattern: 'no banner motd', privilege: 15, run: (s, session) => s.configure(session.user, (c) => void delete c.bannerMotd) },
];
