import type { DeviceState } from '../device-state';
import { pingSucceeds } from '../reachability';

/** `ping A.B.C.D`: answered at once from reachability (routes, cables, the way back), no real packets. */
export function renderPing(state: DeviceState, target: string): string[] {
  const ok = pingSucceeds(state, target);
  return [
    'Type escape sequence to abort.',
    `Sending 5, 100-byte ICMP Echos to ${target}, timeout is 2 seconds:`,
    ok ? '!!!!!' : '.....',
    ok ? 'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms' : 'Success rate is 0 percent (0/5)',
  ];
}
