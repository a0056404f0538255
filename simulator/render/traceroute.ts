import type { DeviceState } from '../device-state';
import { MAX_HOPS, answersReach, ownsAddress, walk } from '../reachability';

export interface TracerouteOptions {
  /** `ttl MIN MAX`: the first hop probed (1 when 0 or unset) and the last (30 by default). */
  minTtl?: number;
  maxTtl?: number;
  /** `probe N`: answers per hop (3 by default). */
  probes?: number;
  /** `source IF|A.B.C.D`: the address the answers must find their way back to. */
  source?: string;
}

/** `1 msec 1 msec 2 msec`: each probe's time in ms, the last one a little slower when `slower`. */
function times(ms: number, probes: number, slower: boolean): string {
  return Array.from({ length: probes }, (_, n) => `${ms + (slower && n === probes - 1 && probes > 1 ? 1 : 0)} msec`).join(' ');
}

/**
 * `traceroute A.B.C.D [options]`: one line per router crossed, with the address it was entered
 * by, the target on the last line; from where the path breaks, `*  *  *` up to the last TTL (30),
 * as a real traceroute runs into the silence. A hop whose answer cannot come back shows stars too.
 */
export function renderTraceroute(state: DeviceState, target: string, options: TracerouteOptions = {}): string[] {
  const head = ['Type escape sequence to abort.', `Tracing the route to ${target}`, 'VRF info: (vrf in name/id, vrf out name/id)'];
  const first = Math.max(1, options.minTtl ?? 1);
  const last = options.maxTtl ?? MAX_HOPS;
  const probes = options.probes ?? 3;
  const stars = (hop: number): string => `${String(hop).padStart(3)}${'  *'.repeat(probes)} `;
  if (ownsAddress(state, target)) return [...head, `${String(first).padStart(3)} ${target} ${times(0, probes, false)}`];
  const path = walk(state, target, last);
  const source = options.source ?? path.source ?? '';
  const lines: string[] = [];
  for (let hop = first; hop <= last; hop += 1) {
    const visit = path.visits[hop - 1];
    const arrived = path.delivered && hop === path.visits.length;
    const hostLast = path.delivered && !path.owner && hop === path.visits.length + 1;
    if (hostLast) {
      lines.push(`${String(hop).padStart(3)} ${target} ${times(hop, probes, false)}`);
      break;
    }
    if (!visit || !answersReach(visit.device, source, state)) {
      lines.push(stars(hop));
      continue;
    }
    lines.push(`${String(hop).padStart(3)} ${arrived ? target : visit.address} ${times(hop, probes, true)}`);
    if (arrived) break;
  }
  return [...head, ...lines];
}
