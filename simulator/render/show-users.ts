import type { DeviceState } from '../device-state';
import { hhmmss } from '../syslog-time';

/**
 * `show users`: one line per vty session, `*` on the asker's own, the line number counted from
 * the console (line 0) as on a virtual router without an aux port, then the (empty) interface list.
 */
export function renderShowUsers(state: DeviceState, ownLine: string): string[] {
  const now = state.now();
  const rows = state.sessions.list().map((s) => {
    const n = Number(s.line.replace(/^vty/, ''));
    const mark = s.line === ownLine ? '*' : ' ';
    return `${mark}${String(n + 1).padStart(3)} ${`vty ${n}`.padEnd(10)}${s.user.padEnd(11)}${'idle'.padEnd(21)}${hhmmss(now - s.lastInput)} ${s.source}`;
  });
  return [
    '    Line       User       Host(s)              Idle       Location',
    ...rows,
    '',
    '  Interface    User               Mode         Idle     Peer Address',
    '',
  ];
}
