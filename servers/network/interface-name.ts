/**
 * IOS interface names, checked strictly before any of them reaches a CLI. A name is a known
 * interface type (or an unambiguous abbreviation of one, as IOS accepts: Gi, Te, Lo) followed
 * by a slot/port path: GigabitEthernet1, Gi1/0/1, Loopback0, Vlan10, Gi0/0/0.100.
 * No spaces, no other characters: nothing that could end a command or start a second one.
 */
export const STRICT_INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{0,30}\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;

/** Canonical spellings, longest first where one is a prefix of another's abbreviation. */
const TYPES = [
  'GigabitEthernet', 'TenGigabitEthernet', 'TwentyFiveGigE', 'FortyGigabitEthernet', 'HundredGigE', 'AppGigabitEthernet',
  'FastEthernet', 'Ethernet', 'Loopback', 'Vlan', 'Port-channel', 'Tunnel', 'Serial', 'BDI', 'Dialer',
] as const;

/** The usual short forms where plain prefix matching would be ambiguous (Te*, Fo*, Tw*). */
const ABBREVIATIONS: Record<string, string> = {
  gi: 'GigabitEthernet', gig: 'GigabitEthernet', te: 'TenGigabitEthernet', ten: 'TenGigabitEthernet',
  twe: 'TwentyFiveGigE', fo: 'FortyGigabitEthernet', hu: 'HundredGigE', fa: 'FastEthernet', et: 'Ethernet', eth: 'Ethernet',
  lo: 'Loopback', vl: 'Vlan', po: 'Port-channel', tu: 'Tunnel', se: 'Serial',
};

/**
 * `gi1` → `GigabitEthernet1`, `Loopback0` → `Loopback0`; `undefined` when the text is not a
 * strict interface name or its type is unknown or ambiguous. Commands are only ever built from
 * the canonical name this returns.
 */
export function canonicalInterfaceName(text: string): string | undefined {
  if (!STRICT_INTERFACE_NAME.test(text)) return undefined;
  const m = /^([A-Za-z-]+)(\d.*)$/.exec(text);
  if (!m) return undefined;
  const typed = m[1]!.toLowerCase();
  const exact = TYPES.find((t) => t.toLowerCase() === typed);
  const candidates = TYPES.filter((t) => t.toLowerCase().startsWith(typed));
  const type = exact ?? ABBREVIATIONS[typed] ?? (candidates.length === 1 ? candidates[0] : undefined);
  return type === undefined ? undefined : `${type}${m[2]}`;
}
