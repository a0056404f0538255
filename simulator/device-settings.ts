import type { DeviceSpec } from '../common/inventory/device-inventory';

/** `ip route NETWORK MASK {NEXT-HOP | INTERFACE} [DISTANCE]`. */
export interface StaticRoute {
  network: string;
  prefix: number;
  nextHop?: string;
  /** Exit interface, for `ip route 0.0.0.0 0.0.0.0 GigabitEthernet1`. */
  exitInterface?: string;
  distance: number;
  /** `name to-lab`: a label shown in the running-config. */
  name?: string;
}

/** `username NAME privilege N secret S`. The secret stays in memory and is never shown. */
export interface LocalUser {
  name: string;
  privilege: number;
  /** Empty for `username NAME privilege N` without a secret: such an account cannot log in here. */
  secret: string;
  /** A secret given already hashed (`secret 9 $9$…`): shown as given; it cannot be checked here. */
  hashed?: string;
  /** Bumped on every change, so the type-9 string in the running-config changes with it. */
  revision: number;
}

/** The global settings behind the commands beyond interfaces: routes, discovery, NTP, users, banner. */
export interface DeviceSettings {
  staticRoutes: StaticRoute[];
  /** IOS runs CDP unless `no cdp run`; LLDP only after `lldp run`. */
  cdp: boolean;
  lldp: boolean;
  ntpServers: string[];
  users: LocalUser[];
  bannerMotd?: string;
  /** `file prompt quiet`: `copy` and `delete` stop asking for names and confirmation. */
  filePromptQuiet?: boolean;
  /** `ip scp server enable`: the device accepts files by SCP. */
  scpServer?: boolean;
  /** `ip domain name`: the suffix of the CDP/LLDP device IDs and `show hosts`' default domain. */
  domainName?: string;
  /** `ip domain lookup` (IOS's default) or `no ip domain lookup` (this lab's). */
  domainLookup: boolean;
  /** `logging buffered [SIZE] [LEVEL]`, as typed (unset parts keep IOS's defaults and are not shown). */
  loggingBuffered: { size?: number; level?: string } | undefined;
}

/** IOS-XE's default log buffer: 102400 bytes at level debugging (what `show logging` prints until changed). */
export const DEFAULT_LOG_BUFFER = { size: 102400, level: 'debugging' } as const;

/** A fresh device: CDP on, LLDP off, no routes or NTP, one user — the inventory's login. */
export function defaultSettings(spec: DeviceSpec): DeviceSettings {
  return {
    staticRoutes: [],
    cdp: true,
    lldp: false,
    ntpServers: [],
    domainName: 'lab.local',
    domainLookup: false,
    loggingBuffered: undefined,
    users: [{ name: spec.username, privilege: spec.privilege, secret: spec.password, revision: 0 }],
  };
}
