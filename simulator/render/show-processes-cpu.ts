import type { DeviceState } from '../device-state';

/** IOSd processes with how often they run (per second) and how long each run takes (µs). */
const PROCESSES: ReadonlyArray<[pid: number, name: string, perSecond: number, usecs: number]> = [
  [1, 'Chunk Manager', 0.001, 1800],
  [2, 'Load Meter', 0.2, 183],
  [8, 'Check heaps', 0.14, 1872],
  [9, 'Pool Manager', 0.02, 72],
  [11, 'Timers', 0.001, 0],
  [13, 'IOSXE heartbeat', 0.5, 0],
  [37, 'ARP Input', 0.01, 111],
  [38, 'ARP Background', 1, 1],
  [50, 'GraphIt', 1, 0],
  [65, 'Net Background', 0.4, 4],
  [67, 'Logger', 0.001, 111],
  [68, 'TTY Background', 1, 0],
  [72, 'IOSD ipc task', 1.3, 74],
  [78, 'PuntInject Keepa', 0.5, 154],
  [81, 'Environmental Mo', 1, 0],
  [89, '100ms check', 10, 0],
  [111, 'IOSXE-RP Punt Se', 0.13, 44],
  [120, 'Compute load avg', 0.1, 0],
  [121, 'Per-minute Jobs', 0.034, 1419],
  [122, 'Per-Second Jobs', 1, 162],
  [127, 'EEM ED ND', 0.02, 26],
  [135, 'vNIC stats Proce', 0.2, 19],
  [165, 'FHRP Main thread', 1, 1],
  [180, 'IP ARP Adjacency', 0.001, 1666],
  [181, 'IP ARP Retry Age', 31, 0],
  [182, 'IP Input', 0.02, 0],
  [184, 'mDNS', 1, 1],
  [230, 'CDP Protocol', 0.02, 63],
  [241, 'IP RIB Update', 0.05, 21],
  [262, 'SSH Process', 0.05, 181],
  [263, 'SSH Event handle', 0.02, 40],
  [284, 'NTP', 0.016, 90],
];

function pct(value: number): string {
  return `${value.toFixed(2)}%`.padStart(7);
}

/**
 * `show processes cpu [sorted]`: the utilisation line Ansible and Netmiko read with
 * `| include CPU`, then the process table. Run times grow with the uptime; every open session
 * adds a little load to the SSH process.
 */
export function renderShowProcessesCpu(state: DeviceState, sorted: boolean): string[] {
  const up = Math.max(1, (state.now() - state.bootedAt) / 1000);
  const sessions = state.sessions.list().length;
  const rows = PROCESSES.map(([pid, name, perSecond, usecs]) => {
    const invoked = Math.max(1, Math.floor(up * perSecond));
    const runtime = Math.floor((invoked * usecs) / 1000);
    const load = name === 'SSH Process' ? 0.07 * sessions : name === 'IOSD ipc task' ? 0.07 : 0;
    return { pid, name, invoked, runtime, usecs: Math.floor((runtime * 1000) / invoked), load };
  });
  if (sorted) rows.sort((a, b) => b.load - a.load || b.runtime - a.runtime);
  const five = 1 + Math.min(9, sessions);
  return [
    `CPU utilization for five seconds: ${five}%/0%; one minute: 1%; five minutes: 1%`,
    ' PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ',
    ...rows.map(
      (r) =>
        `${String(r.pid).padStart(4)}${String(r.runtime).padStart(12)}${String(r.invoked).padStart(12)}${String(r.usecs).padStart(11)}` +
        `${pct(r.load)}${pct(r.load / 2)}${pct(r.load / 4)}${'0'.padStart(4)} ${r.name.slice(0, 16).padEnd(16)} `,
    ),
  ];
}
