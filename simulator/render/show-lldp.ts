import type { DeviceState } from '../device-state';
import { discoveryNeighbors, holdRemaining, type Neighbor } from '../neighbors';
import { shortInterfaceName } from '../cli/interface-name';
import { advertisedName } from './show-cdp';
import { renderShowVersion } from './show-version';

export const LLDP_DISABLED = ['% LLDP is not enabled'];
const INTERVAL = 30;
const HOLD = 120;

/** `show lldp`. */
export function renderShowLldp(state: DeviceState): string[] {
  if (!state.settings.lldp) return LLDP_DISABLED;
  return [
    'Global LLDP Information:',
    '    Status: ACTIVE',
    `    LLDP advertisements are sent every ${INTERVAL} seconds`,
    `    LLDP hold time advertised is ${HOLD} seconds`,
    '    LLDP interface reinitialisation delay is 2 seconds',
  ];
}

/** `show lldp neighbors`: Device ID cut to 20 characters, columns 20/15/11/16. */
export function renderShowLldpNeighbors(state: DeviceState): string[] {
  if (!state.settings.lldp) return LLDP_DISABLED;
  const neighbors = discoveryNeighbors(state, 'lldp');
  return [
    'Capability codes:',
    '    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
    '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    '',
    'Device ID           Local Intf     Hold-time  Capability      Port ID',
    ...neighbors.map(
      (n) =>
        `${advertisedName(n.device).slice(0, 20).padEnd(20)}${shortInterfaceName(n.local.name).padEnd(15)}${String(HOLD).padEnd(11)}${'R'.padEnd(16)}${shortInterfaceName(n.remote.name)}`,
    ),
    '',
    `Total entries displayed: ${neighbors.length}`,
  ];
}

function detailBlock(n: Neighbor, now: number): string[] {
  const chassis = n.device.interfaces()[0]?.mac ?? n.remote.mac;
  return [
    '------------------------------------------------',
    `Local Intf: ${shortInterfaceName(n.local.name)}`,
    `Chassis id: ${chassis}`,
    `Port id: ${shortInterfaceName(n.remote.name)}`,
    `Port Description: ${n.remote.description ?? n.remote.name}`,
    `System Name: ${advertisedName(n.device)}`,
    '',
    'System Description:',
    ...renderShowVersion(n.device).slice(1, 5),
    '',
    `Time remaining: ${holdRemaining(n, now, INTERVAL, HOLD)} seconds`,
    'System Capabilities: B,R',
    'Enabled Capabilities: R',
    ...(n.remote.ip ? ['Management Addresses:', `    IP: ${n.remote.ip.address}`] : ['Management Addresses - not advertised']),
    'Auto Negotiation - not supported',
    'Physical media capabilities - not advertised',
    'Media Attachment Unit type - not advertised',
    'Vlan ID: - not advertised',
    '',
  ];
}

/** `show lldp neighbors detail`: blocks split by 48 dashes, as Ansible's ios_facts reads them. */
export function renderShowLldpNeighborsDetail(state: DeviceState): string[] {
  if (!state.settings.lldp) return LLDP_DISABLED;
  const neighbors = discoveryNeighbors(state, 'lldp');
  return [...neighbors.flatMap((n) => detailBlock(n, state.now())), '', `Total entries displayed: ${neighbors.length}`];
}

/** `show lldp interface`: transmit and receive on every Ethernet interface while LLDP runs. */
export function renderShowLldpInterface(state: DeviceState): string[] {
  if (!state.settings.lldp) return LLDP_DISABLED;
  return [''].concat(
    state
      .interfaces()
      .filter((i) => i.name.includes('Ethernet'))
      .flatMap((i) => [
        `${i.name}:`,
        '    Tx: enabled',
        '    Rx: enabled',
        '    Tx state: IDLE',
        `    Rx state: ${i.linkUp && !i.shutdown ? 'WAIT FOR FRAME' : 'INIT'}`,
        '',
      ]),
  );
}
