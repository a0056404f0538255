import type { DeviceState } from '../device-state';
import { discoveryNeighbors, holdRemaining, type Neighbor } from '../neighbors';
import { cdpInterfaceName } from '../cli/interface-name';
import { DEFAULT_MODEL, renderShowVersion } from './show-version';

export const CDP_DISABLED = ['% CDP is not enabled'];
const INTERVAL = 60;
const HOLD = 180;

/** The name a device advertises: its hostname with the `ip domain name` of the running-config. */
export function advertisedName(state: DeviceState): string {
  const domain = state.settings.domainName;
  return domain ? `${state.hostname}.${domain}` : state.hostname;
}

/** Catalyst models also switch; everything here routes (and joins IGMP groups). */
function capabilities(state: DeviceState): string[] {
  return /^C9/.test(state.spec.model ?? DEFAULT_MODEL) ? ['Router', 'Switch', 'IGMP'] : ['Router', 'IGMP'];
}

/** `show cdp`. */
export function renderShowCdp(state: DeviceState): string[] {
  if (!state.settings.cdp) return CDP_DISABLED;
  return [
    'Global CDP information:',
    `    Sending CDP packets every ${INTERVAL} seconds`,
    `    Sending a holdtime value of ${HOLD} seconds`,
    '    Sending CDPv2 advertisements is  enabled',
  ];
}

/**
 * One row of `show cdp neighbors`: a Device ID longer than 16 characters gets a line of its own;
 * the capability letters end where IOS-XE puts them (starting at column 54 minus their number),
 * the platform (9 characters at most) starts at column 58 and the port at 68.
 */
function briefRow(n: Neighbor, now: number): string[] {
  const id = advertisedName(n.device);
  const caps = capabilities(n.device).map((c) => c[0]);
  let row = (id.length > 16 ? ' '.repeat(17) : id.padEnd(17)) + cdpInterfaceName(n.local.name).padEnd(18);
  row = `${row}${holdRemaining(n, now, INTERVAL, HOLD)}`.padEnd(54 - caps.length) + caps.join(' ');
  row = row.padEnd(58) + (n.device.spec.model ?? DEFAULT_MODEL).slice(0, 9).padEnd(10) + cdpInterfaceName(n.remote.name);
  return id.length > 16 ? [id, row] : [row];
}

/** `show cdp neighbors`. */
export function renderShowCdpNeighbors(state: DeviceState): string[] {
  if (!state.settings.cdp) return CDP_DISABLED;
  const rows = discoveryNeighbors(state, 'cdp').flatMap((n) => briefRow(n, state.now()));
  return [
    'Capability Codes: R - Router, T - Trans Bridge, B - Source Route Bridge',
    '                  S - Switch, H - Host, I - IGMP, r - Repeater, P - Phone, ',
    '                  D - Remote, C - CVTA, M - Two-port Mac Relay ',
    '',
    'Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID',
    ...rows,
    '',
    `Total cdp entries displayed : ${discoveryNeighbors(state, 'cdp').length}`,
  ];
}

function detailBlock(n: Neighbor, now: number): string[] {
  const address = n.remote.ip ? [`  IP address: ${n.remote.ip.address}`] : [];
  return [
    '-------------------------',
    `Device ID: ${advertisedName(n.device)}`,
    'Entry address(es): ',
    ...address,
    `Platform: cisco ${n.device.spec.model ?? DEFAULT_MODEL},  Capabilities: ${capabilities(n.device).join(' ')} `,
    `Interface: ${n.local.name},  Port ID (outgoing port): ${n.remote.name}`,
    `Holdtime : ${holdRemaining(n, now, INTERVAL, HOLD)} sec`,
    '',
    'Version :',
    ...renderShowVersion(n.device).slice(1, 5),
    '',
    'advertisement version: 2',
    'Duplex: full',
    'Management address(es): ',
    ...address,
    '',
  ];
}

/** `show cdp neighbors detail`: one block per neighbour, as Ansible's ios_facts reads them. */
export function renderShowCdpNeighborsDetail(state: DeviceState): string[] {
  if (!state.settings.cdp) return CDP_DISABLED;
  const neighbors = discoveryNeighbors(state, 'cdp');
  return [...neighbors.flatMap((n) => detailBlock(n, state.now())), '', `Total cdp entries displayed : ${neighbors.length}`];
}
