import type { DeviceState } from '../device-state';
import { isOperUp } from '../device-interface';

function toInt(address: string): number {
  return address.split('.').reduce((acc, o) => acc * 256 + Number(o), 0) >>> 0;
}

/** True when `target` is on the subnet of an interface that is up. */
function reachable(state: DeviceState, target: string): boolean {
  const t = toInt(target);
  return state.interfaces().some((i) => {
    if (!i.ip || !isOperUp(i)) return false;
    const mask = i.ip.prefix === 0 ? 0 : (0xffffffff << (32 - i.ip.prefix)) >>> 0;
    return ((toInt(i.ip.address) & mask) >>> 0) === ((t & mask) >>> 0);
  });
}

/** `ping A.B.C.D`: succeeds on connected subnets of up interfaces, at once (no real packets). */
export function renderPing(state: DeviceState, target: string): string[] {
  const ok = reachable(state, target);
  return [
    'Type escape sequence to abort.',
    `Sending 5, 100-byte ICMP Echos to ${target}, timeout is 2 seconds:`,
    ok ? '!!!!!' : '.....',
    ok ? 'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/1/2 ms' : 'Success rate is 0 percent (0/5)',
  ];
}
