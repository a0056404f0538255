/**
 * Cisco IOS naming rules, one copy for the whole lab: the servers check the names a sender
 * gives, the simulator reads the names a user types, and both must agree.
 */

/** IOS hostnames start with a letter; this lab keeps them to 16 characters. */
export const HOSTNAME_MAX_LENGTH = 16;

/** A hostname: a letter, then letters, digits or hyphens, 16 characters at most (`Router1`, `core-sw-01`). */
export const IOS_HOSTNAME = /^[A-Za-z][A-Za-z0-9-]{0,15}$/;

/** What is wrong with a hostname, in the order IOS reports it (characters first); undefined when nothing. */
export function hostnameProblem(name: string): 'illegal-characters' | 'too-long' | undefined {
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name)) return 'illegal-characters';
  return name.length > HOSTNAME_MAX_LENGTH ? 'too-long' : undefined;
}

/** Every interface type the lab knows, in IOS's canonical spelling. */
export const INTERFACE_TYPES = [
  'GigabitEthernet',
  'TenGigabitEthernet',
  'TwentyFiveGigE',
  'FortyGigabitEthernet',
  'HundredGigE',
  'AppGigabitEthernet',
  'FastEthernet',
  'Ethernet',
  'Loopback',
  'Vlan',
  'Port-channel',
  'Tunnel',
  'Serial',
  'BDI',
  'Dialer',
] as const;

/**
 * An interface name as a sender may write it: a type word, an optional space, a slot/port path
 * (`GigabitEthernet1`, `Gi1/0/1`, `Gi 1`, `Vlan10`, `Gi0/0/0.100`). The shape only: the type is
 * not looked up.
 */
export const INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{1,30}\s?\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;

/**
 * The same without the space and with bounded parts: nothing that could end a command or start
 * a second one. What may ever become part of a CLI command.
 */
export const STRICT_INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{0,30}\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;

const NUMBER_PATH = /^\d+(\/\d+)*(\.\d+)?$/;

/**
 * The canonical type for what a user typed: the type itself or any prefix only one type starts
 * with, in any case, as IOS reads it (`gi`, `Te`, `lo`, `po`); undefined for none or several (`t`).
 */
export function matchInterfaceType(prefix: string): string | undefined {
  const lower = prefix.toLowerCase();
  if (lower === '') return undefined;
  const exact = INTERFACE_TYPES.find((t) => t.toLowerCase() === lower);
  if (exact) return exact;
  const matches = INTERFACE_TYPES.filter((t) => t.toLowerCase().startsWith(lower));
  return matches.length === 1 ? matches[0] : undefined;
}

/** Splits `Gi1/0/1` into `Gi` and `1/0/1`; undefined when the shape is wrong. */
function splitName(text: string): { type: string; number: string } | undefined {
  const m = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/.]*)$/.exec(text.trim());
  if (!m || !m[1] || !m[2] || !NUMBER_PATH.test(m[2])) return undefined;
  return { type: m[1], number: m[2] };
}

/**
 * An interface name as the CLI reads it, a space allowed: `gi 1`, `Gi1`, `g1` and
 * `GigabitEthernet1` all give `GigabitEthernet1`; undefined when the text names no interface.
 */
export function normalizeInterfaceName(text: string): string | undefined {
  const parts = splitName(text);
  if (!parts) return undefined;
  const type = matchInterfaceType(parts.type);
  return type ? `${type}${parts.number}` : undefined;
}

/**
 * The canonical name of a strict interface name (`gi1` → `GigabitEthernet1`); undefined when
 * the text is not strict (STRICT_INTERFACE_NAME) or its type is unknown or ambiguous. Commands
 * are only ever built from the name this returns.
 */
export function canonicalInterfaceName(text: string): string | undefined {
  return STRICT_INTERFACE_NAME.test(text) ? normalizeInterfaceName(text) : undefined;
}

/** The type part of a canonical name: `GigabitEthernet1` → `GigabitEthernet`. */
export function interfaceType(canonical: string): string {
  return splitName(canonical)?.type ?? canonical;
}
