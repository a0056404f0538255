import { isOperUp, statusText, type InterfaceState } from '../device-interface';

/** `show ip interface [IF]`, the first lines of each block (the long feature list is left out). */
export function renderShowIpInterface(interfaces: readonly InterfaceState[]): string[] {
  return interfaces.flatMap((i) => [
    `${i.name} is ${statusText(i)}, line protocol is ${isOperUp(i) ? 'up' : 'down'}`,
    ...(i.ip
      ? [
          `  Internet address is ${i.ip.address}/${i.ip.prefix}`,
          '  Broadcast address is 255.255.255.255',
          '  Address determined by non-volatile memory',
          '  MTU is 1500 bytes',
          '  Helper address is not set',
          '  Directed broadcast forwarding is disabled',
          '  Outgoing Common access list is not set ',
          '  Outgoing access list is not set',
          '  Inbound Common access list is not set ',
          '  Inbound  access list is not set',
          '  Proxy ARP is enabled',
        ]
      : ['  Internet protocol processing disabled']),
  ]);
}
