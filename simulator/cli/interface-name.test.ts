import { normalizeInterfaceName, matchInterfaceType } from './interface-name';

describe('normalizeInterfaceName', () => {
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
  ])('reads %j as %j', (text, name) => {
    expect(normalizeInterfaceName(text)).toBe(name);
  });

  it.each(['t1', 'Gi', '1', 'xyz1', 'Gi1//2', ''])('rejects %j', (text) => {
    expect(normalizeInterfaceName(text)).toBeUndefined();
  });

  it('finds no type for an ambiguous prefix', () => {
    expect(matchInterfaceType('t')).toBeUndefined();
    expect(matchInterfaceType('tu')).toBe('Tunnel');
  });
});
