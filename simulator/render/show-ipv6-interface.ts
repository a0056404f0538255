import type { DeviceState } from '../device-state';
import { isOperUp, statusText } from '../device-interface';

/**
 * `show ipv6 interface brief`: every interface with its state and no IPv6 address (the
 * simulator routes IPv4 only). The name column is 23 wide, as on IOS-XE.
 */
export function renderShowIpv6InterfaceBrief(state: DeviceState): string[] {
  return state.interfaces().flatMap((i) => [`${i.name.padEnd(22)} [${statusText(i)}/${isOperUp(i) ? 'up' : 'down'}]`, '    unassigned']);
}
