import crypto from 'node:crypto';
import type { DeviceState } from '../device-state';
import type { InterfaceState } from '../device-interface';
import { interfaceType } from '../../common/ios-names';
import { prefixToMask } from '../ipv4';
import { configChangeTime } from '../syslog-time';
import { DEFAULT_VERSION } from './show-version';

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
  lines.push(i.ip ? ` ip address ${i.ip.address} ${prefixToMask(i.ip.prefix)}` : ' no ip address');
  if (i.shutdown) lines.push(' shutdown');
  if (interfaceType(i.name).endsWith('Ethernet')) lines.push(' negotiation auto');
  return lines;
}

function body(state: DeviceState): string[] {
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
    `enable secret 9 ${fakeSecret(`${spec.name}:enable`)}`,
    '!',
    'no aaa new-model',
    '!',
    'no ip domain lookup',
    'ip domain name lab.local',
    '!',
    'login on-success log',
    '!',
    `license udi pid ${spec.model ?? 'C8000V'} sn ${state.serial}`,
    'diagnostic bootup level minimal',
    'memory free low-watermark processor 63709',
    '!',
    `username ${spec.username} privilege ${spec.privilege} secret 9 ${fakeSecret(`${spec.name}:${spec.username}`)}`,
    '!',
    'redundancy',
    '!',
  );
  for (const i of interfaces) lines.push(...interfaceBlock(i), '!');
  lines.push(
    'ip forward-protocol nd',
    'no ip http server',
    'no ip http secure-server',
    'ip ssh version 2',
    '!',
    'line con 0',
    ' stopbits 1',
    'line vty 0 4',
    ' login local',
    ' transport input ssh',
    '!',
    'end',
  );
  return lines;
}

function withHeader(lines: string[]): string[] {
  const bytes = Buffer.byteLength(lines.join('\n') + '\n');
  return ['Building configuration...', '', `Current configuration : ${bytes} bytes`, ...lines, ''];
}

/** `show running-config`. */
export function renderRunningConfig(state: DeviceState): string[] {
  return withHeader(body(state));
}

/** `show running-config interface IF`. */
export function renderRunningConfigInterface(i: InterfaceState): string[] {
  return withHeader(['!', ...interfaceBlock(i), 'end']);
}
