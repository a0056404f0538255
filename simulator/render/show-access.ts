import type { DeviceState } from '../device-state';

/** `line vty 0 4` in the running-config: five vty lines after the console. */
const VTY_LINES = 5;

/**
 * `show line`: the console (line 0) and the vty lines after it, `*` on those in use, as on a
 * virtual router without an aux port (the numbering `show users` uses). Uses counts the
 * sessions open now: the simulator keeps no history of closed ones.
 */
export function renderShowLine(state: DeviceState): string[] {
  const busy = new Set(state.sessions.list().map((s) => Number(s.line.replace(/^vty/, ''))));
  const count = Math.max(VTY_LINES, ...[...busy].map((n) => n + 1));
  const row = (tty: number, type: string, active: boolean): string =>
    `${active ? '*' : ' '}${String(tty).padStart(6)} ${type}              -    -      -    -    -  ${String(active ? 1 : 0).padStart(5)}       0     0/0       -`;
  return [
    '   Tty Typ     Tx/Rx    A Modem  Roty AccO AccI   Uses   Noise  Overruns   Int',
    row(0, 'CTY', false),
    ...Array.from({ length: count }, (_, n) => row(n + 1, 'VTY', busy.has(n))),
    '',
  ];
}

/**
 * `show ip ssh`: version 2 and the simulator's own algorithms in IOS-XE 17's layout; the host key
 * is an ed25519 key (hooklab's), where IOS would list its RSA key.
 */
export function renderShowIpSsh(): string[] {
  return [
    'SSH Enabled - version 2.0',
    'Authentication methods:publickey,keyboard-interactive,password',
    'Authentication Publickey Algorithms:ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256',
    'Hostkey Algorithms:ssh-ed25519',
    'Encryption Algorithms:aes128-gcm,aes256-gcm,aes128-ctr,aes192-ctr,aes256-ctr',
    'MAC Algorithms:hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha2-512',
    'KEX Algorithms:ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512',
    'Authentication timeout: 120 secs; Authentication retries: 3',
    'Minimum expected Diffie Hellman key size : 2048 bits',
    '',
  ];
}

/**
 * `show hosts`: the default domain (NAPALM's get_facts builds the FQDN from it), how names are
 * looked up, and the (empty) host table in IOS-XE 17's layout.
 */
export function renderShowHosts(state: DeviceState): string[] {
  const { domainName, domainLookup } = state.settings;
  return [
    `Default domain is ${domainName ?? 'not set'}`,
    domainLookup ? 'Name/address lookup uses domain service' : 'Name/address lookup uses static mappings',
    'Name servers are 255.255.255.255',
    'NAME  TTL  CLASS   TYPE      DATA/ADDRESS',
    '-----------------------------------------',
    '',
  ];
}
