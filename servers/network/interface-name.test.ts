import { canonicalInterfaceName } from './interface-name';

describe('canonicalInterfaceName', () => {
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
  ])('refuses %p', (text) => {
    expect(canonicalInterfaceName(text)).toBeUndefined();
  });
});
