import type { CommandArgs, CommandDef, CommandResult } from './command-types';
import type { DeviceState } from '../device-state';
import { isOperUp } from '../device-interface';
import { ownsAddress } from '../reachability';
import { renderPing } from '../render/ping';

/** The source of `ping … source X`: an up interface's address, or one of the device's own addresses. */
function ping(state: DeviceState, a: CommandArgs): CommandResult {
  const target = a.values.target ?? '';
  const count = a.values.count === undefined ? undefined : Number(a.values.count);
  let source = a.values.srcip;
  if (a.values.srcif) {
    const i = state.findInterface(a.values.srcif);
    if (!i?.ip || !isOperUp(i)) return ['% Invalid source interface - IP not enabled or interface is down'];
    source = i.ip.address;
  }
  if (source && !ownsAddress(state, source)) return ['% Invalid source address- IP address not on any of our up interfaces'];
  return renderPing(state, target, { ...(count !== undefined && { count }), ...(source && { source }) });
}

// Up to 1000 echoes: IOS allows more, but every one is a character of output.
const REPEAT = 'repeat <1-1000:count>';
const SOURCES = ['source <interface:srcif>', 'source <ipv4:srcip>'];

/** `ping A.B.C.D`, with `repeat N` and `source IF|A.B.C.D` in either order. */
export const pingCommands: CommandDef[] = [
  '',
  REPEAT,
  ...SOURCES,
  ...SOURCES.map((s) => `${REPEAT} ${s}`),
  ...SOURCES.map((s) => `${s} ${REPEAT}`),
].map((tail): CommandDef => ({ pattern: `ping <ipv4:target> ${tail}`.trim(), privilege: 1, run: (s, _session, a) => ping(s, a) }));
