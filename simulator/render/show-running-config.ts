import crypto from 'node:crypto';
import type { DeviceState } from '../device-state';
import type { InterfaceState } from '../device-interface';
import { interfaceType } from '../../common/ios/ios-names';
import { prefixToMask, toInt } from '../ipv4';
import { configChangeTime } from '../syslog-time';
import { DEFAULT_VERSION } from './show-version';
import type { LocalUser } from '../device-settings';

/** A type-9 looking secret. It is derived from the name, never from the password. */
function fakeSecret(seed: string): string {
  const h = crypto.createHash('sha256').update(`hooklab:${seed}`).digest('base64url');
  return `$9$${h.slice(0, 14)}$${h.slice(14, 43)}`;
}

/** IOS-XE lists loopbacks, port-channels and tunnels first and SVIs last. */
function configOrder(i: InterfaceState): number {
  const type = interfaceType(i.name);
  if (type === 'Loopback' || type === 'Port-channel' || type === 'Tunnel') return 0;
  return type === 'Vlan' ? 2 : 1;
}

/** One `interface` block, without the closing `!`. */
export function interfaceBlock(i: InterfaceState): string[] {
  const lines = [`interface ${i.name}`];
  if (i.description) lines.push(` description ${i.description}`);
  if (i.mtu !== undefined) lines.push(` mtu ${i.mtu}`);
  lines.push(i.ip ? ` ip address ${i.ip.address} ${prefixToMask(i.ip.prefix)}` : ' no ip address');
  if (i.shutdown) lines.push(' shutdown');
  if (interfaceType(i.name).endsWith('Ethernet')) lines.push(' negotiation auto');
  return lines;
}

/** `ip route 10.0.23.0 255.255.255.0 10.0.12.2`, in address order as IOS sorts them. */
function staticRouteLines(state: DeviceState): string[] {
  return [...state.settings.staticRoutes]
    .sort((a, b) => toInt(a.network) - toInt(b.network) || a.prefix - b.prefix)
    .map((r) =>
      [
        'ip route',
        r.network,
        prefixToMask(r.prefix),
        r.exitInterface,
        r.nextHop,
        r.distance === 1 ? undefined : String(r.distance),
        r.name && `name ${r.name}`,
      ]
        .filter((w) => w !== undefined)
        .join(' '),
    );
}

/** `username NAME [privilege N] [secret 9 …]`: IOS leaves out level 1, its default, and a secret never set. */
function userLine(u: LocalUser, secret: string): string {
  const privilege = u.privilege === 1 ? '' : ` privilege ${u.privilege}`;
  const hashed = u.hashed ?? (u.secret === '' ? undefined : secret);
  return `username ${u.name}${privilege}${hashed ? ` secret 9 ${hashed}` : ''}`;
}

/** `no ip domain lookup` / `ip domain name …`, as IOS-XE 17 writes them (lookup on is the default, not shown). */
function domainLines(state: DeviceState): string[] {
  const { domainLookup, domainName } = state.settings;
  return [...(domainLookup ? [] : ['no ip domain lookup']), ...(domainName ? [`ip domain name ${domainName}`] : [])];
}

/** `logging buffered 64000 informational` (what was set of it), before the enable secret as IOS orders them. */
function loggingLines(state: DeviceState): string[] {
  const buffered = state.settings.loggingBuffered;
  if (!buffered) return [];
  return [['logging buffered', buffered.size, buffered.level].filter((w) => w !== undefined).join(' ')];
}

/** The configuration itself, `!` to `end`, as `write memory` stores it. */
export function runningConfigBody(state: DeviceState): string[] {
  const spec = state.spec;
  const [major = '17', minor = '9'] = (spec.version ?? DEFAULT_VERSION).split('.');
  const interfaces = [...state.interfaces()].sort((a, b) => configOrder(a) - configOrder(b));
  const lines = ['!'];
  if (state.lastChange) {
    lines.push(`! Last configuration change at ${configChangeTime(new Date(state.lastChange.at))} by ${state.lastChange.by}`, '!');
  }
  lines.push(
    `version ${Number(major)}.${Number(minor)}`,
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    'platform qfp utilization monitor load 80',
    'platform punt-keepalive disable-kernel-core',
    'platform console serial',
    '!',
    `hostname ${state.hostname}`,
    '!',
    'boot-start-marker',
    'boot-end-marker',
    '!',
    '!',
    ...loggingLines(state),
    `enable secret 9 ${fakeSecret(`${spec.name}:enable`)}`,
    '!',
    'no aaa new-model',
    '!',
    ...domainLines(state),
    '!',
    ...(state.settings.filePromptQuiet ? ['file prompt quiet', '!'] : []),
    'login on-success log',
    '!',
    `license udi pid ${spec.model ?? 'C8000V'} sn ${state.serial}`,
    'diagnostic bootup level minimal',
    'memory free low-watermark processor 63709',
    '!',
    ...state.settings.users.map((u) => userLine(u, fakeSecret(`${spec.name}:${u.name}:${u.revision}`))),
    '!',
    'redundancy',
    '!',
  );
  for (const i of interfaces) lines.push(...interfaceBlock(i), '!');
  lines.push(
    'ip forward-protocol nd',
    'no ip http server',
    'no ip http secure-server',
    ...staticRouteLines(state),
    'ip ssh version 2',
    // Right after the ssh lines, as in NAPALM's captured IOS config (test/ios/ios/initial.conf).
    ...(state.settings.scpServer ? ['ip scp server enable'] : []),
    '!',
  );
  const discovery = [...(state.settings.lldp ? ['lldp run'] : []), ...(state.settings.cdp ? [] : ['no cdp run'])];
  if (discovery.length > 0) lines.push(...discovery, '!');
  if (state.settings.bannerMotd !== undefined) lines.push(...`banner motd ^C${state.settings.bannerMotd}^C`.split('\n'));
  lines.push('line con 0', ' stopbits 1', 'line vty 0 4', ' login local', ' transport input ssh', '!');
  lines.push(...state.settings.ntpServers.map((n) => `ntp server ${n}`), ...(state.settings.ntpServers.length > 0 ? ['!'] : []));
  lines.push('end');
  return lines;
}

function withHeader(lines: string[]): string[] {
  const bytes = Buffer.byteLength(lines.join('\n') + '\n');
  return ['Building configuration...', '', `Current configuration : ${bytes} bytes`, ...lines, ''];
}

/** `show running-config`. */
export function renderRunningConfig(state: DeviceState): string[] {
  return withHeader(runningConfigBody(state));
}

/** `show startup-config`: NVRAM's size line, then the configuration last saved. */
export function renderStartupConfig(saved: string): string[] {
  return [`Using ${Buffer.byteLength(`${saved}\n`)} out of 33554432 bytes`, ...saved.split('\n'), ''];
}

/** `show running-config interface IF`. */
export function renderRunningConfigInterface(i: InterfaceState): string[] {
  return withHeader(['!', ...interfaceBlock(i), 'end']);
}
