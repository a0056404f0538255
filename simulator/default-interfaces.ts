import type { InterfaceSpec } from '../common/inventory/device-inventory';

/**
 * Interfaces for a device the inventory describes without any: GigabitEthernet1–3, addressed
 * and up, plus Loopback0 — a small C8000V. `index` (the device's place in the inventory) keeps
 * each device's addresses apart: Router1 gets 10.0.12.1, 10.0.13.1, 192.168.1.1, 1.1.1.1.
 */
export function defaultInterfaces(index: number): InterfaceSpec[] {
  const n = index + 1;
  return [
    { name: 'GigabitEthernet1', ip: `10.0.${10 + n * 2}.1/24`, description: 'Uplink to WAN' },
    { name: 'GigabitEthernet2', ip: `10.0.${11 + n * 2}.1/24`, description: 'Link to core' },
    { name: 'GigabitEthernet3', ip: `192.168.${n}.1/24`, description: 'User LAN' },
    { name: 'Loopback0', ip: `${n}.${n}.${n}.${n}/32`, description: 'Router ID' },
  ];
}
