/**
 * IOS interface names: a type, abbreviated to any unique prefix and in any case, followed by a
 * number path (`1`, `1/0/1`, `1.100`), with or without a space between: Gi1, gi 1,
 * GigabitEthernet1 and g1 all name GigabitEthernet1.
 */

/** Types the simulator knows, in canonical spelling; prefixes are matched against these. */
export const INTERFACE_TYPES = [
  'GigabitEthernet',
  'TenGigabitEthernet',
  'TwentyFiveGigE',
  'FastEthernet',
  'Ethernet',
  'Loopback',
  'Vlan',
  'Port-channel',
  'Tunnel',
  'Serial',
] as const;

/** Types that exist only in configuration, so `interface Loopback9` may create one. */
export const VIRTUAL_TYPES: ReadonlySet<string> = new Set(['Loopback', 'Vlan', 'Port-channel', 'Tunnel']);

const NUMBER_PATH = /^\d+(\/\d+)*(\.\d+)?$/;

/** The canonical type for a typed prefix, `undefined` if none or several match. */
export function matchInterfaceType(prefix: string): string | undefined {
  const lower = prefix.toLowerCase();
  if (lower === '') return undefined;
  const exact = INTERFACE_TYPES.find((t) => t.toLowerCase() === lower);
  if (exact) return exact;
  const matches = INTERFACE_TYPES.filter((t) => t.toLowerCase().startsWith(lower));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Splits `Gi1/0/1` into `Gi` and `1/0/1`; `undefined` when the shape is wrong. */
function splitName(text: string): { type: string; number: string } | undefined {
  const m = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/.]*)$/.exec(text.trim());
  if (!m || !m[1] || !m[2] || !NUMBER_PATH.test(m[2])) return undefined;
  return { type: m[1], number: m[2] };
}

/** `gi 1` → `GigabitEthernet1`; `undefined` when the text names no interface. */
export function normalizeInterfaceName(text: string): string | undefined {
  const parts = splitName(text);
  if (!parts) return undefined;
  const type = matchInterfaceType(parts.type);
  return type ? `${type}${parts.number}` : undefined;
}

/** The type part of a canonical name: `GigabitEthernet1` → `GigabitEthernet`. */
export function interfaceType(canonical: string): string {
  return splitName(canonical)?.type ?? canonical;
}

/** Loopbacks, tunnels and port-channels come first in a running-config, as IOS-XE lists them. */
export function isVirtualInterface(canonical: string): boolean {
  return VIRTUAL_TYPES.has(interfaceType(canonical));
}

const SHORT: Record<string, string> = {
  GigabitEthernet: 'Gi', TenGigabitEthernet: 'Te', TwentyFiveGigE: 'Twe', FastEthernet: 'Fa', Ethernet: 'Et',
  Loopback: 'Lo', Vlan: 'Vl', 'Port-channel': 'Po', Tunnel: 'Tu', Serial: 'Se',
};

/** `GigabitEthernet1` → `Gi1`, as `show interfaces description` and LLDP print names. */
export function shortInterfaceName(canonical: string): string {
  const type = interfaceType(canonical);
  return `${SHORT[type] ?? type}${canonical.slice(type.length)}`;
}

/** `GigabitEthernet1` → `Gig 1`, as `show cdp neighbors` prints names. */
export function cdpInterfaceName(canonical: string): string {
  const type = interfaceType(canonical);
  return `${type.slice(0, 3)} ${canonical.slice(type.length)}`;
}
