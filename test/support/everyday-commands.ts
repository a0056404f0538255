/**
 * The everyday commands NAPALM's getters, Ansible and scrapli users send, each with the
 * first thing IOS-XE 17 prints for it here: Router1 runs no routing protocol, VRF, HSRP,
 * port-channel or SNMP agent, so several answer that the feature is absent, as IOS does.
 */
export const EVERYDAY: Array<[string, RegExp]> = [
  ['show ip protocols', /^\*\*\* IP Routing is NSF aware \*\*\*\n\nRouting Protocol is "application"/],
  ['show ip ospf neighbor', /^$/],
  ['show ip bgp summary', /^% BGP not active\n?$/],
  ['show vrf', /^$/],
  ['show ip vrf', /^$/],
  ['show hosts', /^Default domain is lab\.local\n/],
  ['show line', /^ {3}Tty Typ {5}Tx\/Rx/],
  ['show ip ssh', /^SSH Enabled - version 2\.0\n/],
  ['show license summary', /^Account Information:\n/],
  ['show platform', /^Chassis type: C8000V/],
  ['show redundancy', /^Redundant System Information :\n/],
  ['show standby brief', /^ +P indicates configured to preempt\./],
  ['show etherchannel summary', /^Flags: {2}D - down/],
  ['show ip route 10.0.12.0 255.255.255.0', /^Routing entry for 10\.0\.12\.0\/24\n {2}Known via "connected"/],
  ['show ip route 10.0.12.1', /^Routing entry for 10\.0\.12\.1\/32\n/],
  ['show ip route 8.8.8.8', /^% Network not in table$/],
  ['show snmp', /^%SNMP agent not enabled$/],
  ['show snmp chassis', /^%SNMP agent not enabled$/],
  ['show interfaces', /^GigabitEthernet1 is up, line protocol is up \n {2}Hardware is CSR vNIC/],
  ['show ip interface', /^GigabitEthernet1 is up, line protocol is up\n {2}Internet address is 10\.0\.12\.1\/24\n/],
  ['show ipv6 interface', /^$/],
  ['show arp | exclude Incomplete', /^Protocol {2}Address/],
  ['show lldp neighbors detail', /^% LLDP is not enabled$/],
  ['show proc cpu', /^CPU utilization for five seconds/],
  ['show memory statistics', /^Tracekey/],
  ['show run | include snmp-server', /^$/],
  ['show run | section username', /^username admin (privilege 15 )?secret 9 \$9\$/],
  ['show run | include ntp server', /^$/],
  ['ping 10.0.12.1 timeout 2 size 100 repeat 5', /\nSuccess rate is 100 percent \(5\/5\)/],
  ['ping ip 10.0.12.1 repeat 3', /\nSuccess rate is 100 percent \(3\/3\)/],
  ['traceroute 1.1.1.1 ttl 0 255 timeout 2', /\n {2}1 1\.1\.1\.1 0 msec/],
];

/** The configuration lines Ansible's resource modules send, as one send_config_set. */
export const EVERYDAY_CONFIG = [
  'interface GigabitEthernet3',
  'mtu 1400',
  'ip address 192.168.30.1 255.255.255.0',
  'no ip address 192.168.30.1 255.255.255.0',
  'exit',
  'ip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab',
  'username x privilege 5',
  'logging buffered 64000 informational',
  'ip domain name lab.local',
  'no ip domain lookup',
];
