import type { DeviceState } from '../device-state';
import { MAX_HOPS, answersReach, ownsAddress, walk } from '../reachability';

/**
 * `traceroute A.B.C.D`: one line per router crossed, with the address it was entered by, the
 * target on the last line; from where the path breaks, `*  *  *` up to 30 hops, as a real
 * traceroute runs into the silence. A hop whose answer cannot come back shows stars too.
 */
export function renderTraceroute(state: DeviceState, target: string): string[] {
  const head = ['Type escape sequence to abort.', `Tracing the route to ${target}`, 'VRF info: (vrf in name/id, vrf out name/id)'];
  if (ownsAddress(state, target)) return [...head, `  1 ${target} 0 msec 0 msec 0 msec`];
  const path = walk(state, target);
  const lines: string[] = [];
  for (let hop = 1; hop <= MAX_HOPS; hop += 1) {
    const visit = path.visits[hop - 1];
    const last = path.delivered && hop === path.visits.length;
    const hostLast = path.delivered && !path.owner && hop === path.visits.length + 1;
    if (hostLast) {
      lines.push(`${String(hop).padStart(3)} ${target} ${hop} msec ${hop} msec ${hop} msec`);
      break;
    }
    if (!visit || !answersReach(visit.device, path.source ?? '', state)) {
      lines.push(`${String(hop).padStart(3)}  *  *  * `);
      continue;
    }
    lines.push(`${String(hop).padStart(3)} ${last ? target : visit.address} ${hop} msec ${hop} msec ${hop + 1} msec`);
    if (last) break;
  }
  return [...head, ...lines];
}
