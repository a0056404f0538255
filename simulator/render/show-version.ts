import type { DeviceState } from '../device-state';
import { uptimeText } from '../syslog-time';
import { interfaceType } from '../../common/ios/ios-names';

export const DEFAULT_MODEL = 'C8000V';
export const DEFAULT_VERSION = '17.09.04a';

/** IOS-XE release trains by major.minor, as the second line of `show version` names them. */
function trainName(major: number, minor: number): string {
  if (major < 17) return 'Everest';
  if (minor <= 3) return 'Amsterdam';
  if (minor <= 6) return 'Bengaluru';
  if (minor <= 9) return 'Cupertino';
  if (minor <= 12) return 'Dublin';
  return 'IOSXE';
}

/** `17.09.04a` → `17.9.4a`: the classic IOS line drops the leading zeros. */
function shortVersion(version: string): string {
  return version.replace(/(^|\.)0+(\d)/g, '$1$2');
}

/** `show version`, laid out as a C8000V prints it (licence paragraphs abridged). */
export function renderShowVersion(state: DeviceState): string[] {
  const model = state.spec.model ?? DEFAULT_MODEL;
  const version = state.spec.version ?? DEFAULT_VERSION;
  const [major = 17, minor = 9] = version.split('.').map(Number);
  const uptime = uptimeText(state.now() - state.bootedAt);
  const gigs = state.interfaces().filter((i) => interfaceType(i.name) === 'GigabitEthernet').length;
  return [
    `Cisco IOS XE Software, Version ${version}`,
    `Cisco IOS Software [${trainName(major, minor)}], Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version ${shortVersion(version)}, RELEASE SOFTWARE (fc3)`,
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Fri 20-Oct-23 10:44 by mcpre',
    '',
    '',
    'Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.',
    'All rights reserved.  Certain components of Cisco IOS-XE software are',
    'licensed under the GNU General Public License ("GPL") Version 2.0.',
    '(This device is the hooklab router simulator.)',
    '',
    '',
    'ROM: IOS-XE ROMMON',
    '',
    `${state.hostname} uptime is ${uptime}`,
    `Uptime for this control processor is ${uptime}`,
    'System returned to ROM by reload',
    'System image file is "bootflash:packages.conf"',
    'Last reload reason: reload',
    '',
    '',
    'Smart Licensing Status: Smart Licensing Using Policy',
    '',
    `cisco ${model} (VXE) processor (revision VXE) with 1984903K/3075K bytes of memory.`,
    `Processor board ID ${state.serial}`,
    'Router operating mode: Autonomous',
    `${gigs} Gigabit Ethernet interface${gigs === 1 ? '' : 's'}`,
    '32768K bytes of non-volatile configuration memory.',
    '3965176K bytes of physical memory.',
    '11526144K bytes of virtual hard disk at bootflash:.',
    '',
    'Configuration register is 0x2102',
    '',
  ];
}
