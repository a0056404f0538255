import type { DeviceState } from '../device-state';
import { pingSucceeds } from '../reachability';
import { clockTime } from '../syslog-time';

export const NTP_DISABLED = ['%NTP is not enabled.'];
/** The simulated upstream servers are stratum 1 (a GPS clock), so a synchronised device is stratum 2. */
const SERVER_STRATUM = 1;
const NTP_EPOCH_OFFSET_S = 2_208_988_800;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The first configured server the device can reach: the one it synchronises to. */
export function ntpPeer(state: DeviceState): string | undefined {
  return state.settings.ntpServers.find((server) => pingSucceeds(state, server));
}

/** `E1E7CD39.9C0E9B8D (10:15:02.123 UTC Mon Mar 4 2024)`: NTP seconds and fraction, then the time. */
function ntpTime(ms: number): string {
  const d = new Date(ms);
  const seconds = Math.floor(ms / 1000) + NTP_EPOCH_OFFSET_S;
  const fraction = Math.floor(((ms % 1000) / 1000) * 2 ** 32);
  const hex = (n: number): string => n.toString(16).toUpperCase().padStart(8, '0');
  return `${hex(seconds)}.${hex(fraction)} (${clockTime(d)} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()})`;
}

/**
 * `show ntp status`: synchronised to the first reachable `ntp server` (reachability as `ping`
 * sees it), unsynchronised at stratum 16 when none answers, `%NTP is not enabled.` without one.
 */
export function renderShowNtpStatus(state: DeviceState): string[] {
  if (state.settings.ntpServers.length === 0) return NTP_DISABLED;
  const now = state.now();
  const uptime = Math.floor((now - state.bootedAt) / 10);
  const peer = ntpPeer(state);
  if (!peer) {
    return [
      'Clock is unsynchronized, stratum 16, no reference clock',
      'nominal freq is 250.0000 Hz, actual freq is 250.0000 Hz, precision is 2**10',
      `ntp uptime is ${uptime} (1/100 of seconds), resolution is 4000`,
      'reference time is 00000000.00000000 (00:00:00.000 UTC Mon Jan 1 1900)',
      'clock offset is 0.0000 msec, root delay is 0.00 msec',
      'root dispersion is 0.00 msec, peer dispersion is 0.00 msec',
      "loopfilter state is 'FSET' (Drift set from file), drift is 0.000000000 s/s",
      'system poll interval is 8, never updated.',
    ];
  }
  const lastUpdate = Math.floor((now / 1000) % 64);
  return [
    `Clock is synchronized, stratum ${SERVER_STRATUM + 1}, reference is ${peer}`,
    'nominal freq is 250.0000 Hz, actual freq is 249.9995 Hz, precision is 2**10',
    `ntp uptime is ${uptime} (1/100 of seconds), resolution is 4000`,
    `reference time is ${ntpTime(now - lastUpdate * 1000)}`,
    'clock offset is 0.5000 msec, root delay is 1.00 msec',
    'root dispersion is 3.00 msec, peer dispersion is 1.00 msec',
    "loopfilter state is 'CTRL' (Normal Controlled Loop), drift is 0.000002000 s/s",
    `system poll interval is 64, last update was ${lastUpdate} sec ago.`,
  ];
}

/** `show ntp associations`: every configured server, `*` on the one synchronised to. */
export function renderShowNtpAssociations(state: DeviceState): string[] {
  if (state.settings.ntpServers.length === 0) return NTP_DISABLED;
  const peer = ntpPeer(state);
  return [
    '',
    '  address         ref clock       st   when   poll reach  delay  offset   disp',
    ...state.settings.ntpServers.map((server) => {
      const up = pingSucceeds(state, server);
      const mark = server === peer ? '*~' : ' ~';
      const cols = up
        ? ['.GPS.', '1', '33', '64', '377', '1.000', '0.500', '2.000']
        : ['.INIT.', '16', '-', '64', '0', '0.000', '0.000', '15937.'];
      return `${mark}${server.padEnd(16)}${cols[0]!.padEnd(16)}${cols[1]!.padStart(2)}${cols[2]!.padStart(7)}${cols[3]!.padStart(7)}${cols[4]!.padStart(6)}${cols[5]!.padStart(7)}${cols[6]!.padStart(8)}${cols[7]!.padStart(7)}`;
    }),
    ' * sys.peer, # selected, + candidate, - outlyer, x falseticker, ~ configured',
  ];
}
