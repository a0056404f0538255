import type { CommandDef } from './command-types';
import { renderShowLicenseSummary, renderShowPlatform, renderShowRedundancy } from '../render/show-chassis';
import { renderShowHosts, renderShowIpSsh, renderShowLine } from '../render/show-access';

/** The chassis and how one reaches it: platform, redundancy, licences, lines, SSH, name service. */
export const showPlatformCommands: CommandDef[] = [
  { pattern: 'show platform', privilege: 1, filterable: true, run: (s) => renderShowPlatform(s) },
  { pattern: 'show redundancy', privilege: 1, filterable: true, run: (s) => renderShowRedundancy(s) },
  { pattern: 'show license summary', privilege: 1, filterable: true, run: () => renderShowLicenseSummary() },
  { pattern: 'show line', privilege: 1, filterable: true, run: (s) => renderShowLine(s) },
  { pattern: 'show ip ssh', privilege: 1, filterable: true, run: () => renderShowIpSsh() },
  { pattern: 'show hosts', privilege: 1, filterable: true, run: (s) => renderShowHosts(s) },
];
