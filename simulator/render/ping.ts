import type { DeviceState } from '../device-state';
import { pingSucceeds } from '../reachability';

export interface PingOptions {
  /** `repeat N` (5 by default). */
  count?: number;
  /** `size N` bytes per echo (100 by default). */
  size?: number;
  /** `timeout N` seconds to wait for each reply (2 by default). */
  timeout?: number;
  /** `source IF|A.B.C.D`: the address the echoes leave from, and the replies must come back to. */
  source?: string;
}

/** `!!!!!` or `.....`, 70 to a line as IOS wraps them. */
function marks(ok: boolean, count: number): string[] {
  const all = (ok ? '!' : '.').repeat(count);
  return all.match(/.{1,70}/g) ?? [];
}

/** `ping A.B.C.D [repeat N] [size N] [timeout N] [source …]`: answered at once from reachability (routes, cables, the way back). */
export function renderPing(state: DeviceState, target: string, options: PingOptions = {}): string[] {
  const count = options.count ?? 5;
  const ok = pingSucceeds(state, target, options.source);
  return [
    'Type escape sequence to abort.',
    `Sending ${count}, ${options.size ?? 100}-byte ICMP Echos to ${target}, timeout is ${options.timeout ?? 2} seconds:`,
    ...(options.source ? [`Packet sent with a source address of ${options.source}`] : []),
    ...marks(ok, count),
    ok ? `Success rate is 100 percent (${count}/${count}), round-trip min/avg/max = 1/1/2 ms` : `Success rate is 0 percent (0/${count})`,
  ];
}
