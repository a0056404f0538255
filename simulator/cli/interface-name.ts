import { interfaceType } from '../../common/ios/ios-names';

// The rules for reading interface names live in common/ios-names.ts; these are only how some
// show commands print them.
const SHORT: Record<string, string> = {
  GigabitEthernet: 'Gi',
  TenGigabitEthernet: 'Te',
  TwentyFiveGigE: 'Twe',
  FastEthernet: 'Fa',
  Ethernet: 'Et',
  Loopback: 'Lo',
  Vlan: 'Vl',
  'Port-channel': 'Po',
  Tunnel: 'Tu',
  Serial: 'Se',
};

/** `GigabitEthernet1` → `Gi1`, as `show interfaces description` and LLDP print names. */
export function shortInterfaceName(canonical: string): string {
  const type = interfaceType(canonical);
  return `${SHORT[type] ?? type}${canonical.slice(type.length)}`;
}

/** `GigabitEthernet1` → `Gig 1`, as `show cdp neighbors` prints names. */
export function cdpInterfaceName(canonical: string): string {
  const type = interfaceType(canonical);
  return `${type.slice(0, 3)} ${canonical.slice(type.length)}`;
}
