import { DeviceState } from './device-state';
import { deviceSpec, inProcessCli } from '../test/support/sim-fixture';
import { lookup, MAX_RECURSION, routingTable, type Route } from './routing-table';
import { inSubnet, networkOf } from './ipv4';

/** Longest-prefix match the slow, obvious way: the reference the index must agree with. */
function lookupByHand(routes: readonly Route[], address: string): Route[] {
  const covering = routes.filter((r) => inSubnet(address, r.network, r.prefix));
  const longest = Math.max(-1, ...covering.map((r) => r.prefix));
  return covering.filter((r) => r.prefix === longest);
}

describe('the routing table', () => {
  it('finds the same routes as a longest-prefix match by hand, on a table of every prefix length', () => {
    // Nested prefixes of every length around 10.20.0.9, a second route for one of them, and others.
    const routes: Route[] = Array.from({ length: 33 }, (_, prefix) => ({
      code: 'S' as const,
      network: networkOf('10.20.0.9', prefix),
      prefix,
      distance: 1,
      nextHop: '192.0.2.1',
    }));
    routes.push({ code: 'C', network: '10.20.0.0', prefix: 24, distance: 0, iface: 'Gi1' });
    routes.push({ code: 'C', network: '172.16.0.0', prefix: 12, distance: 0, iface: 'Gi2' });
    for (const address of ['10.20.0.9', '10.20.0.8', '10.20.1.1', '10.5.1.1', '172.31.0.1', '192.0.2.1', '0.0.0.0']) {
      expect(lookup(routes, address)).toEqual(lookupByHand(routes, address));
    }
    expect(lookup(routes, 'not-an-address')).toEqual([]);
  });

  /**
   * ~1,000 addressed loopbacks and 100 chained static routes took 18–28 s per
   * `show ip route`, stalling the control port: every next hop was compared, as text, with every
   * route, pass after pass. Lookups now go by prefix length, and a next hop is resolved at most
   * MAX_RECURSION routes deep — as a packet is forwarded (exitFor).
   */
  it('with ~1,000 loopbacks and 100 chained static routes, installs the chain as deep as it resolves', () => {
    const { run, state } = inProcessCli(new DeviceState(deviceSpec()));
    run('configure terminal');
    for (let i = 0; i < 990; i += 1) {
      run(`interface Loopback${i}`);
      run(`ip address 10.${Math.floor(i / 250)}.${i % 250}.1 255.255.255.255`);
    }
    run('exit');
    // Route i leads to route i + 1's network; the last one to Loopback0. Entered shallowest first.
    for (let i = 0; i < 100; i += 1) run(`ip route 172.16.${i}.0 255.255.255.0 ${i === 99 ? '10.0.0.1' : `172.16.${i + 1}.1`}`);
    run('end');
    expect(state.settings.staticRoutes).toHaveLength(100);

    const statics = routingTable(state).filter((r) => r.code === 'S');
    expect(statics.map((r) => r.network).sort()).toEqual(Array.from({ length: MAX_RECURSION + 1 }, (_, k) => `172.16.${99 - k}.0`).sort());
    const shown = run('show ip route static');
    expect(shown.filter((l) => /^S\s/.test(l))).toHaveLength(MAX_RECURSION + 1);
    expect(run('show ip route').filter((l) => /^C\s/.test(l.trim()))).toHaveLength(990 + 1);
  });
});
