import type { DeviceState } from '../device-state';
import { statusText } from '../device-interface';

/** IOS-XE column widths 23/16/4/7/22/8, trailing spaces included (classic IOS pads the first to 27). */
function row(name: string, ip: string, ok: string, method: string, status: string, protocol: string): string {
  return `${name.padEnd(22)} ${ip.padEnd(15)} ${ok.padEnd(3)} ${method.padEnd(6)} ${status.padEnd(21)} ${protocol.padEnd(8)}`;
}

/** `show ip interface brief`. */
export function renderShowIpInterfaceBrief(state: DeviceState): string[] {
  return [
    row('Interface', 'IP-Address', 'OK?', 'Method', 'Status', 'Protocol'),
    ...state
      .interfaces()
      .map((i) => row(i.name, i.ip?.address ?? 'unassigned', 'YES', i.method, statusText(i), i.shutdown || !i.linkUp ? 'down' : 'up')),
  ];
}
