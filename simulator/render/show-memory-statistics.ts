import type { DeviceState } from '../device-state';

const TOTAL = 1_862_580_288;

function row(name: string, head: string, total: number, used: number, lowest: number, largest: number): string {
  // The 64-bit Head column is wider than its header, so the numbers sit right of their titles.
  return `${name.padStart(9)}  ${head}${[total, used, total - used, lowest, largest].map((n) => String(n).padStart(12)).join('')}`;
}

/**
 * `show memory statistics`: the Processor pool (whose total and free Ansible's ios_facts reads
 * as memtotal_mb/memfree_mb) grows with the open sessions and the size of the configuration.
 */
export function renderShowMemoryStatistics(state: DeviceState, configLines: number): string[] {
  const used = 246_212_016 + state.sessions.list().length * 65_536 + configLines * 2_048;
  const free = TOTAL - used;
  return [
    `Tracekey : 1#${state.serial.toLowerCase().padEnd(32, '0')}`,
    '',
    '                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)',
    row('Processor', '7F682B66B048', TOTAL, used, free - 2_444_032, free - 5_443_748),
    row('reserve P', '7F682B66B0A0', 102_404, 92, 102_312, 102_312),
    row('lsmpi_io', '7F6829D501A8', 3_149_400, 3_148_576, 824, 412),
    '',
  ];
}
