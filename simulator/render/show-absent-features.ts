/**
 * What IOS-XE 17 answers for features this lab router does not run (no BGP, OSPF, HSRP, VRFs,
 * port-channels or SNMP agent). Layouts and sources: simulator/reference/ios-xe.md.
 */

/** `show ip protocols` with no routing protocol: the NSF banner and IOS-XE's built-in "application" protocol. */
export const SHOW_IP_PROTOCOLS = [
  '*** IP Routing is NSF aware ***',
  '',
  'Routing Protocol is "application"',
  '  Sending updates every 0 seconds',
  '  Invalid after 0 seconds, hold down 0, flushed after 0',
  '  Outgoing update filter list for all interfaces is not set',
  '  Incoming update filter list for all interfaces is not set',
  '  Maximum path: 32',
  '  Routing for Networks:',
  '  Routing Information Sources:',
  '    Gateway         Distance      Last Update',
  '  Distance: (default is 4)',
  '',
];

export const BGP_NOT_ACTIVE = ['% BGP not active', ''];

export const SNMP_NOT_ENABLED = ['%SNMP agent not enabled'];

/** `show standby brief` with no HSRP group: the legend and the header, no rows. */
export const SHOW_STANDBY_BRIEF = [
  '                     P indicates configured to preempt.',
  '                     |',
  'Interface   Grp  Pri P State   Active          Standby         Virtual IP',
];

/** `show etherchannel summary` with no port-channel: the flags, zero groups, the header. */
export const SHOW_ETHERCHANNEL_SUMMARY = [
  'Flags:  D - down        P - bundled in port-channel',
  '        I - stand-alone s - suspended',
  '        H - Hot-standby (LACP only)',
  '        R - Layer3      S - Layer2',
  '        U - in use      f - failed to allocate aggregator',
  '',
  '        M - not in use, minimum links not met',
  '        u - unsuitable for bundling',
  '        w - waiting to be aggregated',
  '        d - default port',
  '',
  '',
  'Number of channel-groups in use: 0',
  'Number of aggregators:           0',
  '',
  'Group  Port-channel  Protocol    Ports',
  '------+-------------+-----------+-----------------------------------------------',
  '',
];
