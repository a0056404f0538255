import type { CommandDef } from './command-types';
import { InvalidInput } from './command-types';
import { renderShowVersion } from '../render/show-version';
import { renderShowIpInterfaceBrief } from '../render/show-ip-interface-brief';
import { renderShowIpInterface } from '../render/show-ip-interface';
import { renderShowInterfaces } from '../render/show-interfaces';
import { renderRunningConfig, renderRunningConfigInterface, renderStartupConfig, runningConfigBody } from '../render/show-running-config';
import { renderShowLogging } from '../render/show-logging';
import { showClockText } from '../syslog-time';
import { showNetworkCommands } from './show-network-commands';
import { showSystemCommands } from './show-system-commands';
import { showFeatureCommands } from './show-feature-commands';
import { showPlatformCommands } from './show-platform-commands';

/** The `show` commands; all of them accept `| include` and friends. */
export const showCommands: CommandDef[] = [
  { pattern: 'show version', privilege: 1, filterable: true, run: (s) => renderShowVersion(s) },
  { pattern: 'show clock', privilege: 1, filterable: true, run: (s) => [showClockText(new Date(s.now()))] },
  { pattern: 'show ip interface brief', privilege: 1, filterable: true, run: (s) => renderShowIpInterfaceBrief(s) },
  { pattern: 'show ip interface', privilege: 1, filterable: true, run: (s) => renderShowIpInterface(s.interfaces()) },
  {
    pattern: 'show ip interface <interface:if>',
    privilege: 1,
    filterable: true,
    run: (s, _session, { values, offsets }) => {
      const i = s.findInterface(values.if ?? '');
      return i ? renderShowIpInterface([i]) : new InvalidInput(offsets.if ?? 0);
    },
  },
  { pattern: 'show interfaces', privilege: 1, filterable: true, run: (s) => renderShowInterfaces(s) },
  {
    pattern: 'show interfaces <interface:if>',
    privilege: 1,
    filterable: true,
    run: (s, _session, { values, offsets }) => {
      const i = s.findInterface(values.if ?? '');
      return i ? renderShowInterfaces(s, i) : new InvalidInput(offsets.if ?? 0);
    },
  },
  { pattern: 'show running-config', privilege: 15, filterable: true, run: (s) => renderRunningConfig(s) },
  // With defaults, as `show running-config all` would add them; the simulator has none to add.
  { pattern: 'show running-config all', privilege: 15, filterable: true, run: (s) => renderRunningConfig(s) },
  {
    pattern: 'show running-config interface <interface:if>',
    privilege: 15,
    filterable: true,
    run: (s, _session, { values, offsets }) => {
      const i = s.findInterface(values.if ?? '');
      return i ? renderRunningConfigInterface(i) : new InvalidInput(offsets.if ?? 0);
    },
  },
  {
    pattern: 'show startup-config',
    privilege: 15,
    filterable: true,
    // A device that never saved shows what it booted with, which the simulator takes as its running-config.
    run: (s) => renderStartupConfig(s.startupConfig ?? runningConfigBody(s).join('\n')),
  },
  { pattern: 'show logging', privilege: 15, filterable: true, run: (s) => renderShowLogging(s) },
  ...showNetworkCommands,
  ...showSystemCommands,
  ...showFeatureCommands,
  ...showPlatformCommands,
];
