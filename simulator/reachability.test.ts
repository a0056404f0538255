import { DeviceState } from './device-state';
import type { StaticRoute } from './device-settings';
import { LabNetwork } from './lab-network';
import { deviceSpec } from '../test/support/sim-fixture';
import { routingTable } from './routing-table';
import { pingSucceeds } from './reachability';
import { renderShowIpRoute } from './render/show-ip-route';
import { renderTraceroute } from './render/traceroute';
import { renderPing } from './render/ping';

/** Router1 — Router2 — Router3 in a line, loopbacks 1.1.1.1 … 3.3.3.3, and a LAN on Router1. */
function lab(): { r1: DeviceState; r2: DeviceState; r3: DeviceState; close: () => void } {
  const r1 = new DeviceState(
    deviceSpec({
      interfaces: [
        { name: 'GigabitEthernet1', ip: '10.0.12.1/24' },
        { name: 'GigabitEthernet3', ip: '192.168.1.1/24' },
        { name: 'Loopback0', ip: '1.1.1.1/32' },
      ],
    }),
  );
  const r2 = new DeviceState(
    deviceSpec({
      name: 'Router2',
      interfaces: [
        { name: 'GigabitEthernet1', ip: '10.0.12.2/24' },
        { name: 'GigabitEthernet2', ip: '10.0.23.2/24' },
        { name: 'Loopback0', ip: '2.2.2.2/32' },
      ],
    }),
  );
  const r3 = new DeviceState(
    deviceSpec({
      name: 'Router3',
      interfaces: [
        { name: 'GigabitEthernet1', ip: '10.0.23.3/24' },
        { name: 'Loopback0', ip: '3.3.3.3/32' },
      ],
    }),
  );
  const net = new LabNetwork(
    [r1, r2, r3],
    [
      { a: { device: 'Router1', interface: 'Gi1' }, b: { device: 'Router2', interface: 'Gi1' } },
      { a: { device: 'Router2', interface: 'Gi2' }, b: { device: 'Router3', interface: 'Gi1' } },
    ],
  );
  return { r1, r2, r3, close: () => net.close() };
}

function route(state: DeviceState, network: string, prefix: number, nextHop: string, distance = 1): void {
  state.configure('admin', (s) => s.staticRoutes.push({ network, prefix, nextHop, distance } satisfies StaticRoute));
}

const prefixes = (state: DeviceState): string[] =>
  routingTable(state).map((r) => `${r.code} ${r.network}/${r.prefix}${r.nextHop ? ` via ${r.nextHop}` : ''}`);

describe('routing table and reachability', () => {
  it('holds connected and local routes of the interfaces that are up, and drops them when one goes down', () => {
    const { r1, close } = lab();
    expect(prefixes(r1)).toEqual(['C 10.0.12.0/24', 'L 10.0.12.1/32', 'C 192.168.1.0/24', 'L 192.168.1.1/32', 'C 1.1.1.1/32']);
    r1.setShutdown('Gi3', true, 'admin');
    expect(prefixes(r1)).toEqual(['C 10.0.12.0/24', 'L 10.0.12.1/32', 'C 1.1.1.1/32']);
    close();
  });

  it('pings the far end of a cable and hosts of an uncabled LAN, but no empty address on a cable', () => {
    const { r1, close } = lab();
    expect(pingSucceeds(r1, '10.0.12.2')).toBe(true);
    expect(pingSucceeds(r1, '10.0.12.9')).toBe(false);
    expect(pingSucceeds(r1, '192.168.1.50')).toBe(true);
    expect(pingSucceeds(r1, '192.168.1.255')).toBe(false);
    expect(pingSucceeds(r1, '1.1.1.1')).toBe(true);
    expect(pingSucceeds(r1, '3.3.3.3')).toBe(false);
    close();
  });

  it('reaches a loopback two hops away only with a route there on each hop and a route back', () => {
    const { r1, r2, r3, close } = lab();
    route(r1, '3.3.3.3', 32, '10.0.12.2');
    expect(pingSucceeds(r1, '3.3.3.3')).toBe(false);
    route(r2, '3.3.3.3', 32, '10.0.23.3');
    expect(pingSucceeds(r1, '3.3.3.3')).toBe(false);
    route(r3, '0.0.0.0', 0, '10.0.23.2');
    expect(pingSucceeds(r1, '3.3.3.3')).toBe(true);
    expect(renderTraceroute(r1, '3.3.3.3').slice(3)).toEqual(['  1 10.0.12.2 1 msec 1 msec 2 msec', '  2 3.3.3.3 2 msec 2 msec 3 msec']);
    close();
  });

  it('pings from a loopback only when the far router has a route back to it', () => {
    const { r1, r2, close } = lab();
    expect(renderPing(r1, '10.0.12.2', { source: '1.1.1.1', count: 100 })).toEqual([
      'Type escape sequence to abort.',
      'Sending 100, 100-byte ICMP Echos to 10.0.12.2, timeout is 2 seconds:',
      'Packet sent with a source address of 1.1.1.1',
      '.'.repeat(70),
      '.'.repeat(30),
      'Success rate is 0 percent (0/100)',
    ]);
    route(r2, '1.1.1.1', 32, '10.0.12.1');
    expect(renderPing(r1, '10.0.12.2', { source: '1.1.1.1' }).slice(3)).toEqual([
      '!!!!!',
      'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms',
    ]);
    close();
  });

  it('withdraws a static route when its next hop becomes unreachable: the far end shut down', () => {
    const { r1, r2, r3, close } = lab();
    route(r1, '3.3.3.3', 32, '10.0.12.2');
    route(r2, '3.3.3.3', 32, '10.0.23.3');
    route(r3, '0.0.0.0', 0, '10.0.23.2');
    r3.setShutdown('Gi1', true, 'admin');
    expect(r2.findInterface('Gi2')).toMatchObject({ shutdown: false, linkUp: false });
    expect(prefixes(r2)).not.toContain('S 3.3.3.3/32 via 10.0.23.3');
    expect(pingSucceeds(r1, '3.3.3.3')).toBe(false);
    expect(renderTraceroute(r1, '3.3.3.3')[3]).toBe('  1 10.0.12.2 1 msec 1 msec 2 msec');
    expect(renderTraceroute(r1, '3.3.3.3')[4]).toBe('  2  *  *  * ');
    r3.setShutdown('Gi1', false, 'admin');
    expect(prefixes(r2)).toContain('S 3.3.3.3/32 via 10.0.23.3');
    close();
  });

  it('installs the lowest distance per prefix, so a floating static route takes over when the first goes', () => {
    const { r1, close } = lab();
    route(r1, '0.0.0.0', 0, '10.0.12.2');
    route(r1, '0.0.0.0', 0, '192.168.1.254', 250);
    expect(prefixes(r1).filter((p) => p.startsWith('S'))).toEqual(['S 0.0.0.0/0 via 10.0.12.2']);
    r1.setShutdown('Gi1', true, 'admin');
    expect(prefixes(r1).filter((p) => p.startsWith('S'))).toEqual(['S 0.0.0.0/0 via 192.168.1.254']);
    close();
  });
});

describe('show ip route', () => {
  it('prints the IOS-XE legend, the gateway of last resort and the routes under their classful networks', () => {
    const { r1, close } = lab();
    route(r1, '0.0.0.0', 0, '10.0.12.2');
    route(r1, '10.0.23.0', 24, '10.0.12.2');
    route(r1, '172.16.0.0', 16, '10.0.12.2', 5);
    const lines = renderShowIpRoute(r1);
    expect(lines[0]).toBe('Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP');
    expect(lines.slice(11)).toEqual([
      '       & - replicated local route overrides by connected',
      '',
      'Gateway of last resort is 10.0.12.2 to network 0.0.0.0',
      '',
      'S*    0.0.0.0/0 [1/0] via 10.0.12.2',
      '      1.0.0.0/32 is subnetted, 1 subnets',
      'C        1.1.1.1 is directly connected, Loopback0',
      '      10.0.0.0/8 is variably subnetted, 3 subnets, 2 masks',
      'C        10.0.12.0/24 is directly connected, GigabitEthernet1',
      'L        10.0.12.1/32 is directly connected, GigabitEthernet1',
      'S        10.0.23.0/24 [1/0] via 10.0.12.2',
      'S     172.16.0.0/16 [5/0] via 10.0.12.2',
      '      192.168.1.0/24 is variably subnetted, 2 subnets, 2 masks',
      'C        192.168.1.0/24 is directly connected, GigabitEthernet3',
      'L        192.168.1.1/32 is directly connected, GigabitEthernet3',
    ]);
    expect(renderShowIpRoute(r1, ['S']).slice(15)).toEqual([
      'S*    0.0.0.0/0 [1/0] via 10.0.12.2',
      '      10.0.0.0/8 is variably subnetted, 3 subnets, 2 masks',
      'S        10.0.23.0/24 [1/0] via 10.0.12.2',
      'S     172.16.0.0/16 [5/0] via 10.0.12.2',
    ]);
    close();
  });

  it('puts equal-cost next hops on lines of their own under the first', () => {
    const { r1, close } = lab();
    route(r1, '10.9.0.0', 16, '10.0.12.2');
    route(r1, '10.9.0.0', 16, '192.168.1.254');
    expect(renderShowIpRoute(r1).filter((l) => l.includes('10.9.0.0') || l.startsWith('                '))).toEqual([
      'S        10.9.0.0/16 [1/0] via 10.0.12.2',
      '                     [1/0] via 192.168.1.254',
    ]);
    close();
  });
});
