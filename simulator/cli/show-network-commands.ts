import type { CommandDef } from './command-types';
import { renderShowIpRoute } from '../render/show-ip-route';
import { renderRouteEntry } from '../render/show-ip-route-entry';
import { renderShowIpArp } from '../render/show-ip-arp';
import { renderShowCdp, renderShowCdpNeighbors, renderShowCdpNeighborsDetail } from '../render/show-cdp';
import { renderShowLldp, renderShowLldpInterface, renderShowLldpNeighbors, renderShowLldpNeighborsDetail } from '../render/show-lldp';
import { renderShowInterfacesDescription } from '../render/show-interfaces-description';
import { renderShowIpv6InterfaceBrief } from '../render/show-ipv6-interface';
import { renderShowNtpAssociations, renderShowNtpStatus } from '../render/show-ntp';

/** What the device knows of the network: routes, neighbours, ARP, NTP. All filterable with `|`. */
export const showNetworkCommands: CommandDef[] = [
  { pattern: 'show ip route', privilege: 1, filterable: true, run: (s) => renderShowIpRoute(s) },
  { pattern: 'show ip route connected', privilege: 1, filterable: true, run: (s) => renderShowIpRoute(s, ['C', 'L']) },
  { pattern: 'show ip route static', privilege: 1, filterable: true, run: (s) => renderShowIpRoute(s, ['S']) },
  {
    pattern: 'show ip route <ipv4:address>',
    privilege: 1,
    filterable: true,
    run: (s, _x, a) => renderRouteEntry(s, a.values.address ?? ''),
  },
  {
    pattern: 'show ip route <ipv4:address> <mask:mask>',
    privilege: 1,
    filterable: true,
    run: (s, _x, a) => renderRouteEntry(s, a.values.address ?? '', a.values.mask),
  },
  { pattern: 'show ip arp', privilege: 1, filterable: true, run: (s) => renderShowIpArp(s) },
  { pattern: 'show arp', privilege: 1, filterable: true, run: (s) => renderShowIpArp(s) },
  { pattern: 'show cdp', privilege: 1, filterable: true, run: (s) => renderShowCdp(s) },
  { pattern: 'show cdp neighbors', privilege: 1, filterable: true, run: (s) => renderShowCdpNeighbors(s) },
  { pattern: 'show cdp neighbors detail', privilege: 1, filterable: true, run: (s) => renderShowCdpNeighborsDetail(s) },
  { pattern: 'show lldp', privilege: 1, filterable: true, run: (s) => renderShowLldp(s) },
  { pattern: 'show lldp neighbors', privilege: 1, filterable: true, run: (s) => renderShowLldpNeighbors(s) },
  { pattern: 'show lldp neighbors detail', privilege: 1, filterable: true, run: (s) => renderShowLldpNeighborsDetail(s) },
  { pattern: 'show lldp interface', privilege: 1, filterable: true, run: (s) => renderShowLldpInterface(s) },
  // System priority and MAC: what IOS shows even with no port-channel configured.
  { pattern: 'show lacp sys-id', privilege: 1, filterable: true, run: (s) => [`32768, ${s.interfaces()[0]?.mac ?? '0000.0000.0000'}`] },
  // No snmp-server lines in the configuration, so no SNMPv3 user to list.
  { pattern: 'show snmp user', privilege: 15, filterable: true, run: () => [] },
  { pattern: 'show interfaces description', privilege: 1, filterable: true, run: (s) => renderShowInterfacesDescription(s) },
  { pattern: 'show ipv6 interface brief', privilege: 1, filterable: true, run: (s) => renderShowIpv6InterfaceBrief(s) },
  // IPv6 is enabled on no interface, and IOS then lists none.
  { pattern: 'show ipv6 interface', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show ntp status', privilege: 1, filterable: true, run: (s) => renderShowNtpStatus(s) },
  { pattern: 'show ntp associations', privilege: 1, filterable: true, run: (s) => renderShowNtpAssociations(s) },
  // No access list can be configured here, and IOS prints nothing when there is none.
  { pattern: 'show access-lists', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show ip access-lists', privilege: 1, filterable: true, run: () => [] },
];
