import type { DeviceState } from '../device-state';
import { hhmmss, uptimeText } from '../syslog-time';
import { DEFAULT_MODEL, renderShowVersion } from './show-version';

/** `show platform` of a virtual router: the route and forwarding processors, both active since boot. */
export function renderShowPlatform(state: DeviceState): string[] {
  const model = state.spec.model ?? DEFAULT_MODEL;
  const inserted = hhmmss(state.now() - state.bootedAt);
  const slot = (name: string): string => `${name.padEnd(10)}${model.padEnd(20)}${'ok, active'.padEnd(22)}${inserted}      `;
  return [
    `Chassis type: ${model.padEnd(19)}`,
    '',
    'Slot      Type                State                 Insert time (ago) ',
    '--------- ------------------- --------------------- ----------------- ',
    slot('R0'),
    slot('F0'),
    '',
    'Slot      CPLD Version        Firmware Version                        ',
    '--------- ------------------- --------------------------------------- ',
    'R0        N/A                 N/A                                     ',
    'F0        N/A                 N/A                                     ',
    '',
  ];
}

/** `show redundancy` of a single route processor: simplex, never switched over, no peer. */
export function renderShowRedundancy(state: DeviceState): string[] {
  const uptime = uptimeText(state.now() - state.bootedAt);
  // The image lines are the same four show version starts its second line with.
  const [image = '', ...imageRest] = renderShowVersion(state).slice(1, 5);
  return [
    'Redundant System Information :',
    '------------------------------',
    `       Available system uptime = ${uptime}`,
    'Switchovers system experienced = 0',
    '              Standby failures = 0',
    '        Last switchover reason = none',
    ' ',
    '                 Hardware Mode = Simplex',
    '    Configured Redundancy Mode = Non-redundant',
    '     Operating Redundancy Mode = Non-redundant',
    '              Maintenance Mode = Disabled',
    '                Communications = Down      Reason: Simplex mode',
    ' ',
    'Current Processor Information :',
    '-------------------------------',
    '               Active Location = slot 1',
    '        Current Software state = ACTIVE',
    `       Uptime in current state = ${uptime}`,
    `                 Image Version = ${image}`,
    ...imageRest,
    '                          BOOT = bootflash:packages.conf,12;',
    '                   CONFIG_FILE = ',
    '        Configuration register = 0x2102',
    ' ',
    "Peer (slot: 0) information is not available because it is in 'DISABLED' state",
    '',
  ];
}

/** `show license summary` under Smart Licensing Using Policy with no licence in use (a lab router's). */
export function renderShowLicenseSummary(): string[] {
  return [
    'Account Information:',
    '  Smart Account: <none>',
    '  Virtual Account: <none>',
    '',
    'License Usage:',
    '  License                 Entitlement Tag               Count Status',
    '  -----------------------------------------------------------------------------',
    '',
  ];
}
