import {
  INTERFACE_NAME,
  IOS_HOSTNAME,
  INTERFACE_TYPES,
  canonicalInterfaceName,
  hostnameProblem,
  interfaceType,
  matchInterfaceType,
  normalizeInterfaceName,
} from './ios-names';

describe('IOS hostnames', () => {
  it.each(['Router1', 'R', 'core-sw-01', 'A234567890123456'])('%p is a hostname', (name) => {
    expect(IOS_HOSTNAME.test(name)).toBe(true);
    expect(hostnameProblem(name)).toBeUndefined();
  });

  it.each([
    ['1router', 'illegal-characters'],
    ['Router_1', 'illegal-characters'],
    ['Router1;reload', 'illegal-characters'],
    ['', 'illegal-characters'],
    ['A2345678901234567', 'too-long'],
  ])('%p is refused (%s), by the pattern too', (name, problem) => {
    expect(hostnameProblem(name)).toBe(problem);
    expect(IOS_HOSTNAME.test(name)).toBe(false);
  });
});

describe('normalizeInterfaceName (the CLI reading a typed name)', () => {
  it.each([
    ['Gi1', 'GigabitEthernet1'],
    ['gi 1', 'GigabitEthernet1'],
    ['g1', 'GigabitEthernet1'],
    ['GigabitEthernet1', 'GigabitEthernet1'],
    ['gigabitethernet1/0/1', 'GigabitEthernet1/0/1'],
    ['Gi4.100', 'GigabitEthernet4.100'],
    ['lo0', 'Loopback0'],
    ['te1/1', 'TenGigabitEthernet1/1'],
    ['po1', 'Port-channel1'],
    ['vl10', 'Vlan10'],
    ['Hu0/0/1', 'HundredGigE0/0/1'],
    ['BDI10', 'BDI10'],
  ])('reads %j as %j', (text, name) => {
    expect(normalizeInterfaceName(text)).toBe(name);
  });

  it.each(['t1', 'f1', 'Gi', '1', 'xyz1', 'Gi1//2', ''])('rejects %j', (text) => {
    expect(normalizeInterfaceName(text)).toBeUndefined();
  });

  it('finds no type for an ambiguous prefix', () => {
    expect(matchInterfaceType('t')).toBeUndefined();
    expect(matchInterfaceType('tu')).toBe('Tunnel');
  });
});

describe('canonicalInterfaceName (a name that will be part of a command)', () => {
  it.each([
    ['GigabitEthernet1', 'GigabitEthernet1'],
    ['Gi1', 'GigabitEthernet1'],
    ['gi1/0/1', 'GigabitEthernet1/0/1'],
    ['Te0/1/0', 'TenGigabitEthernet0/1/0'],
    ['Loopback0', 'Loopback0'],
    ['lo0', 'Loopback0'],
    ['Vlan10', 'Vlan10'],
    ['Po12', 'Port-channel12'],
    ['Gi0/0/0.100', 'GigabitEthernet0/0/0.100'],
  ])('turns %p into %p', (text, canonical) => {
    expect(canonicalInterfaceName(text)).toBe(canonical);
  });

  it.each([
    'GigabitEthernet1; reload',
    'GigabitEthernet1\nreload',
    'Gi1 | include secret',
    'Gi 1',
    'GigabitEthernet1\r',
    'Gi1 && reload',
    '`reload`',
    '../../etc/passwd',
    'Bogus1',
    'T1',
    '1',
    '',
    'Gi12345',
  ])('refuses %p', (text) => {
    expect(canonicalInterfaceName(text)).toBeUndefined();
  });

  // The short forms IOS users type: each names exactly one type of the table.
  it.each([
    ['gi', 'GigabitEthernet'],
    ['gig', 'GigabitEthernet'],
    ['te', 'TenGigabitEthernet'],
    ['ten', 'TenGigabitEthernet'],
    ['twe', 'TwentyFiveGigE'],
    ['fo', 'FortyGigabitEthernet'],
    ['hu', 'HundredGigE'],
    ['fa', 'FastEthernet'],
    ['et', 'Ethernet'],
    ['eth', 'Ethernet'],
    ['lo', 'Loopback'],
    ['vl', 'Vlan'],
    ['po', 'Port-channel'],
    ['tu', 'Tunnel'],
    ['se', 'Serial'],
  ])('reads the short form %p as %p', (short, type) => {
    expect(canonicalInterfaceName(`${short}2`)).toBe(`${type}2`);
  });
});

describe('the two readings agree', () => {
  it.each(INTERFACE_TYPES.map((t) => [t]))('%s: the CLI and the servers both know it, and by the same name', (type) => {
    expect(normalizeInterfaceName(`${type}1`)).toBe(`${type}1`);
    expect(canonicalInterfaceName(`${type}1`)).toBe(`${type}1`);
    expect(interfaceType(`${type}1`)).toBe(type);
    expect(INTERFACE_NAME.test(`${type}1`)).toBe(true);
  });
});
