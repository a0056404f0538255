import type { CommandDef } from './command-types';
import {
  BGP_NOT_ACTIVE,
  SHOW_ETHERCHANNEL_SUMMARY,
  SHOW_IP_PROTOCOLS,
  SHOW_STANDBY_BRIEF,
  SNMP_NOT_ENABLED,
} from '../render/show-absent-features';

const answer =
  (lines: readonly string[]): CommandDef['run'] =>
  () => [...lines];

/**
 * Routing protocols, VRFs, HSRP, port-channels and SNMP: none can be configured here, so each
 * command answers as IOS-XE 17 does without the feature (`% BGP not active`, an OSPF neighbour
 * list and a VRF list with nothing in them, ...). NAPALM's get_route_to reads `show vrf` and
 * `show ip protocols | include bgp`; its get_snmp_information `show snmp chassis`.
 */
export const showFeatureCommands: CommandDef[] = [
  { pattern: 'show ip protocols', privilege: 1, filterable: true, run: answer(SHOW_IP_PROTOCOLS) },
  // No OSPF process: IOS prints nothing at all, not even the header.
  { pattern: 'show ip ospf neighbor', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show ip ospf', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show ip bgp', privilege: 1, filterable: true, run: answer(BGP_NOT_ACTIVE) },
  { pattern: 'show ip bgp summary', privilege: 1, filterable: true, run: answer(BGP_NOT_ACTIVE) },
  { pattern: 'show ip bgp all summary', privilege: 1, filterable: true, run: answer(BGP_NOT_ACTIVE) },
  { pattern: 'show bgp summary', privilege: 1, filterable: true, run: answer(BGP_NOT_ACTIVE) },
  // No VRF defined: both list nothing (NAPALM then looks up the global table only).
  { pattern: 'show vrf', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show vrf detail', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show ip vrf', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show standby', privilege: 1, filterable: true, run: () => [] },
  { pattern: 'show standby brief', privilege: 1, filterable: true, run: answer(SHOW_STANDBY_BRIEF) },
  { pattern: 'show etherchannel summary', privilege: 1, filterable: true, run: answer(SHOW_ETHERCHANNEL_SUMMARY) },
  { pattern: 'show snmp', privilege: 15, filterable: true, run: answer(SNMP_NOT_ENABLED) },
  { pattern: 'show snmp chassis', privilege: 15, filterable: true, run: answer(SNMP_NOT_ENABLED) },
  { pattern: 'show snmp community', privilege: 15, filterable: true, run: answer(SNMP_NOT_ENABLED) },
  { pattern: 'show snmp location', privilege: 15, filterable: true, run: answer(SNMP_NOT_ENABLED) },
  { pattern: 'show snmp contact', privilege: 15, filterable: true, run: answer(SNMP_NOT_ENABLED) },
];
