import type { CommandDef, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import { HOSTNAME_MAX_LENGTH, hostnameProblem, interfaceType } from '../../common/ios/ios-names';
import { maskToPrefix } from '../ipv4';
import { globalConfigCommands } from './global-config-commands';
import { fileConfigCommands } from './file-commands';
import { systemConfigCommands } from './system-config-commands';
import { interfaceSettingsCommands } from './interface-settings-commands';

/** Leaving config mode by `end`, `exit` or Ctrl-Z logs CONFIG_I (and so fires the webhook). */
export function endConfig(state: DeviceState, session: SessionControl): void {
  session.setMode('exec');
  state.endConfigSession(session.user, session.line, session.source);
}

/**
 * IOS allocates a software descriptor (IDB) per interface, up to a platform maximum; past it,
 * `interface Vlan299` answered "%Cannot create a VLAN interface" / "Maximum allowed interfaces
 * reached" and logged %INTERFACE_API-1-NOMORESWIDB "No more SWIDB can be allocated, maximum
 * allowed 12000" on a switch whose limit was 12,000 (smaller platforms: about 4,000) — a transcript
 * at http://www.nocrack.fr/. This lab router stops at 1,000 interfaces, far more than a lab needs,
 * so 20,000 loopbacks cannot bloat its configuration (or the backups and diffs made of it).
 */
export const MAX_INTERFACES = 1000;

/** Types that exist only in configuration, so `interface Loopback9` may create one. */
const VIRTUAL_TYPES: ReadonlySet<string> = new Set(['Loopback', 'Vlan', 'Port-channel', 'Tunnel']);

function enterInterface(state: DeviceState, session: SessionControl, name: string, offset: number): CommandResult {
  if (!state.findInterface(name)) {
    // Physical ports exist or not; virtual ones are created by naming them, as on IOS.
    const type = interfaceType(name);
    if (!VIRTUAL_TYPES.has(type)) return new InvalidInput(offset);
    if (state.interfaces().length >= MAX_INTERFACES) {
      state.syslog(`%INTERFACE_API-1-NOMORESWIDB: No more SWIDB can be allocated, maximum allowed ${MAX_INTERFACES}`);
      return [`%Cannot create a ${type === 'Vlan' ? 'VLAN' : type} interface`, 'Maximum allowed interfaces reached'];
    }
    state.addInterface(name, session.user);
  }
  session.setMode('config-if', state.findInterface(name)?.name);
}

/** `hostname`: IOS hostnames start with a letter; this lab keeps them to 16 characters. */
function setHostname(state: DeviceState, session: SessionControl, name: string, offset: number): CommandResult {
  const problem = hostnameProblem(name);
  if (problem === 'illegal-characters') return ['% Hostname contains one or more illegal characters.'];
  if (problem === 'too-long') return new InvalidInput(offset + HOSTNAME_MAX_LENGTH);
  state.setHostname(name, session.user);
}

const doCommand: CommandDef = {
  pattern: 'do <line:command>',
  privilege: 15,
  run: (_s, session, a) => session.runExec(a.values.command ?? '', a.offsets.command ?? 0),
};

/** Global configuration mode: `Router1(config)#`. */
export const configCommands: CommandDef[] = [
  {
    pattern: 'hostname <word:name>',
    privilege: 15,
    run: (s, session, a) => setHostname(s, session, a.values.name ?? '', a.offsets.name ?? 0),
  },
  {
    pattern: 'interface <interface:if>',
    privilege: 15,
    run: (s, session, a) => enterInterface(s, session, a.values.if ?? '', a.offsets.if ?? 0),
  },
  {
    pattern: 'no interface <interface:if>',
    privilege: 15,
    run: (s, session, a) => {
      const i = s.findInterface(a.values.if ?? '');
      if (!i || !VIRTUAL_TYPES.has(interfaceType(i.name))) return new InvalidInput(a.offsets.if ?? 0);
      s.removeInterface(i.name, session.user);
    },
  },
  { pattern: 'end', privilege: 15, run: (s, session) => endConfig(s, session) },
  { pattern: 'exit', privilege: 15, run: (s, session) => endConfig(s, session) },
  doCommand,
  ...globalConfigCommands,
  ...fileConfigCommands,
  ...systemConfigCommands,
];

/** Which interface a `config-if` command acts on. */
function target(session: SessionControl): string {
  return session.interfaceName ?? '';
}

/** Interface configuration mode: `Router1(config-if)#`. */
export const interfaceCommands: CommandDef[] = [
  {
    pattern: 'description <line:text>',
    privilege: 15,
    run: (s, session, a) => s.setDescription(target(session), a.values.text, session.user),
  },
  { pattern: 'no description', privilege: 15, run: (s, session) => s.setDescription(target(session), undefined, session.user) },
  {
    pattern: 'ip address <ipv4:address> <mask:mask>',
    privilege: 15,
    run: (s, session, a) => {
      const prefix = maskToPrefix(a.values.mask ?? '');
      if (prefix === undefined) return new InvalidInput(a.offsets.mask ?? 0);
      s.setAddress(target(session), { address: a.values.address ?? '', prefix }, session.user);
    },
  },
  { pattern: 'no ip address', privilege: 15, run: (s, session) => s.setAddress(target(session), undefined, session.user) },
  { pattern: 'shutdown', privilege: 15, run: (s, session) => void s.setShutdown(target(session), true, session.user) },
  { pattern: 'no shutdown', privilege: 15, run: (s, session) => void s.setShutdown(target(session), false, session.user) },
  { pattern: 'negotiation auto', privilege: 15, run: () => undefined },
  ...interfaceSettingsCommands,
  { pattern: 'end', privilege: 15, run: (s, session) => endConfig(s, session) },
  { pattern: 'exit', privilege: 15, run: (_s, session) => session.setMode('config') },
  doCommand,
];
