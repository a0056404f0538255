import type { DeviceState } from '../device-state';
import { arpEntries } from '../neighbors';

/**
 * `show ip arp` / `show arp`: Address from column 10, the age right-aligned to column 34, the
 * MAC from 38, Type from 54 and Interface from 61, as IOS-XE prints them.
 */
export function renderShowIpArp(state: DeviceState): string[] {
  return [
    'Protocol  Address          Age (min)  Hardware Addr   Type   Interface',
    ...arpEntries(state).map(
      (e) =>
        `Internet  ${e.address.padEnd(17)}${(e.ageMin === undefined ? '-' : String(e.ageMin)).padStart(8)}   ${e.mac}  ARPA   ${e.iface}`,
    ),
  ];
}
