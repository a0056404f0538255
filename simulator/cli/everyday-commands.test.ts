import { DeviceState } from '../device-state';
import { deviceSpec, inProcessCli } from '../../test/support/sim-fixture';
import { EVERYDAY_CONFIG } from '../../test/support/everyday-commands';

/** Runs lines at Router1# and returns each one's output. */
function on(state: DeviceState, ...lines: string[]): string[][] {
  const { run } = inProcessCli(state);
  return lines.map(run);
}

const configure = (state: DeviceState, ...lines: string[]): string[] =>
  on(state, 'configure terminal', ...lines, 'end')
    .slice(1, -1)
    .flat();
const running = (state: DeviceState): string[] => on(state, 'show running-config')[0] ?? [];

describe('the everyday show commands, for features this router does not run', () => {
  const state = new DeviceState(deviceSpec());
  const [protocols, ospf, bgp, vrf, ipVrf, snmp, chassis] = on(
    state,
    'show ip protocols',
    'show ip ospf neighbor',
    'show ip bgp summary',
    'show vrf',
    'show ip vrf',
    'show snmp',
    'show snmp chassis',
  );

  it('show ip protocols: the NSF banner and IOS-XE\'s "application" protocol, no BGP (NAPALM greps for bgp)', () => {
    expect(protocols?.[0]).toBe('*** IP Routing is NSF aware ***');
    expect(protocols).toContain('Routing Protocol is "application"');
    expect(protocols?.join('\n')).not.toMatch(/bgp/i);
  });

  it('no OSPF neighbour and no VRF: nothing at all; BGP: % BGP not active; SNMP: %SNMP agent not enabled', () => {
    expect([ospf, vrf, ipVrf]).toEqual([[], [], []]);
    expect(bgp).toEqual(['% BGP not active', '']);
    expect([snmp, chassis]).toEqual([['%SNMP agent not enabled'], ['%SNMP agent not enabled']]);
  });

  it.each([
    'show hosts',
    'show line',
    'show ip ssh',
    'show license summary',
    'show platform',
    'show redundancy',
    'show standby brief',
    'show etherchannel summary',
  ])('%s answers in IOS layout, not with an error', (command) => {
    const [out = []] = on(state, command);
    expect(out.length).toBeGreaterThan(2);
    expect(out.join('\n')).not.toMatch(/^%/m);
  });

  it('show hosts names the domain NAPALM builds the FQDN from, and follows ip domain name', () => {
    const own = new DeviceState(deviceSpec());
    expect(on(own, 'show hosts')[0]?.[0]).toBe('Default domain is lab.local');
    configure(own, 'ip domain name example.net');
    expect(on(own, 'show hosts')[0]?.[0]).toBe('Default domain is example.net');
    expect(on(own, 'show cdp')[0]).toBeDefined();
    configure(own, 'no ip domain name');
    expect(on(own, 'show hosts')[0]?.[0]).toBe('Default domain is not set');
  });

  it('show line marks the console and five vty lines, none in use without a session', () => {
    const [out = []] = on(state, 'show line');
    expect(out[0]).toMatch(/^ {3}Tty Typ/);
    expect(out.filter((l) => / VTY /.test(l))).toHaveLength(5);
    expect(out[1]).toMatch(/^ {6}0 CTY/);
  });
});

describe('show ip route ADDRESS [MASK]', () => {
  const state = new DeviceState(deviceSpec());
  configure(state, 'ip route 0.0.0.0 0.0.0.0 10.0.12.2', 'ip route 10.50.0.0 255.255.0.0 10.0.12.2', 'ip route 10.60.0.0 255.255.0.0 Gi2');

  it('gives the connected entry for an address inside a connected subnet', () => {
    expect(on(state, 'show ip route 10.0.12.7')[0]).toEqual([
      'Routing entry for 10.0.12.0/24',
      '  Known via "connected", distance 0, metric 0 (connected, via interface)',
      '  Routing Descriptor Blocks:',
      '  * directly connected, via GigabitEthernet1',
      '      Route metric is 0, traffic share count is 1',
    ]);
  });

  it('gives a static entry with its next hop, or its interface when it names one', () => {
    expect(on(state, 'show ip route 10.50.0.0 255.255.0.0')[0]?.slice(0, 4)).toEqual([
      'Routing entry for 10.50.0.0/16',
      '  Known via "static", distance 1, metric 0',
      '  Routing Descriptor Blocks:',
      '  * 10.0.12.2',
    ]);
    expect(on(state, 'show ip route 10.60.1.1')[0]?.[3]).toBe('  * directly connected, via GigabitEthernet2');
  });

  it('shows the default route only when asked for 0.0.0.0, as a candidate default supernet', () => {
    expect(on(state, 'show ip route 0.0.0.0')[0]?.slice(0, 2)).toEqual([
      'Routing entry for 0.0.0.0/0, supernet',
      '  Known via "static", distance 1, metric 0, candidate default path',
    ]);
    expect(on(state, 'show ip route 8.8.8.8')[0]).toEqual(['% Network not in table']);
  });

  it('answers % Subnet not in table for a mask the table does not hold inside a known network', () => {
    expect(on(state, 'show ip route 10.0.12.0 255.255.0.0')[0]).toEqual(['% Subnet not in table']);
  });
});

describe('ping and traceroute with IOS options in any order', () => {
  const state = new DeviceState(deviceSpec());

  it("takes NAPALM's ping (timeout, size, repeat) and Ansible's ping ip … repeat", () => {
    const [napalm, ansible] = on(state, 'ping 10.0.12.1 timeout 2 size 100 repeat 5', 'ping ip 10.0.12.1 repeat 3');
    expect(napalm?.[1]).toBe('Sending 5, 100-byte ICMP Echos to 10.0.12.1, timeout is 2 seconds:');
    expect(ansible?.slice(1)).toEqual([
      'Sending 3, 100-byte ICMP Echos to 10.0.12.1, timeout is 2 seconds:',
      '!!!',
      'Success rate is 100 percent (3/3), round-trip min/avg/max = 1/1/2 ms',
    ]);
  });

  it('reads abbreviations and any order; source before repeat works as after it', () => {
    const [out] = on(state, 'ping 10.0.12.1 so Loopback0 re 2 si 1500 ti 1');
    expect(out?.slice(1, 3)).toEqual([
      'Sending 2, 1500-byte ICMP Echos to 10.0.12.1, timeout is 1 seconds:',
      'Packet sent with a source address of 1.1.1.1',
    ]);
  });

  it('puts the caret under an unknown option or a value out of range, and says a missing value is incomplete', () => {
    const [unknown, range, missing] = on(state, 'ping 10.0.12.1 colour 3', 'ping 10.0.12.1 size 10', 'ping 10.0.12.1 repeat');
    // Router1# is 8 columns; the bad word starts at column 15 of the line.
    expect(unknown?.[0]).toBe(`${' '.repeat(8 + 15)}^`);
    expect(range?.[0]).toBe(`${' '.repeat(8 + 20)}^`);
    expect(missing).toEqual(['% Incomplete command.', '']);
  });

  it("takes NAPALM's traceroute … ttl 0 255 timeout 2, and ttl bounds the hops probed", () => {
    const [napalm, bounded] = on(state, 'traceroute 1.1.1.1 ttl 0 255 timeout 2', 'traceroute 10.99.0.1 ttl 1 3');
    expect(napalm?.at(-1)).toBe('  1 1.1.1.1 0 msec 0 msec 0 msec');
    expect(bounded?.slice(3)).toEqual(['  1  *  *  * ', '  2  *  *  * ', '  3  *  *  * ']);
  });
});

describe("the configuration lines Ansible's resource modules send", () => {
  it('are accepted and shown in the running-config as IOS writes them', () => {
    const state = new DeviceState(deviceSpec());
    expect(configure(state, ...EVERYDAY_CONFIG)).toEqual([]);
    const config = running(state);
    const block = config.slice(config.indexOf('interface GigabitEthernet3'), config.indexOf('interface GigabitEthernet3') + 5);
    expect(block).toEqual(['interface GigabitEthernet3', ' description User LAN', ' mtu 1400', ' no ip address', ' negotiation auto']);
    expect(config).toContain('ip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab');
    expect(config).toContain('username x privilege 5');
    expect(config.indexOf('logging buffered 64000 informational')).toBe(config.findIndex((l) => l.startsWith('enable secret')) - 1);
    expect(config.filter((l) => /^(no )?ip domain/.test(l))).toEqual(['no ip domain lookup', 'ip domain name lab.local']);
    expect(on(state, 'show logging')[0]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {4}Buffer logging: {2}level informational, \d+ messages logged/),
        'Log Buffer (64000 bytes):',
      ]),
    );
  });

  it('show interfaces reports the MTU set, and no Internet address line for an interface without one', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'interface Gi3', 'mtu 1400', 'no ip address');
    const [out = []] = on(state, 'show interfaces Gi3');
    expect(out).toContain('  MTU 1400 bytes, BW 1000000 Kbit/sec, DLY 10 usec, ');
    expect(out.join('\n')).not.toMatch(/Internet address/);
  });

  it('no ip address A M leaves a different address alone; no mtu goes back to the default', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'interface Gi3', 'mtu 1400', 'no ip address 192.168.99.1 255.255.255.0', 'no mtu');
    expect(state.findInterface('Gi3')).toMatchObject({ ip: { address: '192.168.1.1', prefix: 24 } });
    expect(state.findInterface('Gi3')?.mtu).toBeUndefined();
  });

  it('removes a named route by the whole line, as ios_static_routes negates it', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'ip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab');
    expect(configure(state, 'no ip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab')).toEqual([]);
    expect(state.settings.staticRoutes).toEqual([]);
  });

  it('username NAME privilege N keeps an existing secret and only changes the level', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'username ops secret ops-pass-1', 'username ops privilege 5');
    expect(state.settings.users.find((u) => u.name === 'ops')).toMatchObject({ privilege: 5, secret: 'ops-pass-1' });
  });

  it('logging buffered LEVEL alone is shown without a size, and a later size joins it on one line', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'logging buffered informational');
    expect(running(state)).toContain('logging buffered informational');
    expect(on(state, 'show logging')[0]).toContain('Log Buffer (102400 bytes):');
    configure(state, 'logging buffered 64000');
    expect(running(state)).toContain('logging buffered 64000 informational');
  });

  it('no logging buffered goes back to the default buffer', () => {
    const state = new DeviceState(deviceSpec());
    configure(state, 'logging buffered 64000 informational', 'no logging buffered');
    expect(running(state).join('\n')).not.toMatch(/logging buffered/);
    expect(on(state, 'show logging')[0]).toContain('Log Buffer (102400 bytes):');
  });
});
