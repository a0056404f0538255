import type { CommandArgs, CommandDef, CommandResult } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import { isOperUp } from '../device-interface';
import { isIpv4 } from '../ipv4';
import { ownsAddress } from '../reachability';
import { renderPing } from '../render/ping';
import { renderTraceroute } from '../render/traceroute';
import { parseProbeOptions, type OptionTable, type ParsedOptions } from './probe-options';

/**
 * IOS-XE's `ping A.B.C.D` options (the `?` list of a 17.x router). Repeat stops at 1000 here —
 * IOS allows more, but every echo is a character of output; `data`, `validate` and `verbose`
 * are accepted and change nothing the simulator prints.
 */
const PING_OPTIONS: OptionTable = {
  data: [{ min: 0, max: 65535 }],
  'df-bit': [],
  repeat: [{ min: 1, max: 1000 }],
  size: [{ min: 36, max: 18024 }],
  source: ['source'],
  timeout: [{ min: 0, max: 3600 }],
  validate: [],
  verbose: [],
};

/** `traceroute A.B.C.D` options; `ttl MIN MAX` bounds the hops, `probe N` the answers per hop (10 here). */
const TRACEROUTE_OPTIONS: OptionTable = {
  numeric: [],
  port: [{ min: 0, max: 65535 }],
  probe: [{ min: 1, max: 10 }],
  source: ['source'],
  timeout: [{ min: 0, max: 3600 }],
  ttl: [
    { min: 0, max: 255 },
    { min: 0, max: 255 },
  ],
};

/** `source IF|A.B.C.D`: an up interface's address, or one of the device's own addresses. */
function sourceAddress(state: DeviceState, text: string | undefined, offset: number): string | undefined | string[] | InvalidInput {
  if (text === undefined) return undefined;
  if (!isIpv4(text)) {
    const i = state.findInterface(text);
    if (!i) return new InvalidInput(offset);
    if (!i.ip || !isOperUp(i)) return ['% Invalid source interface - IP not enabled or interface is down'];
    return i.ip.address;
  }
  if (!ownsAddress(state, text)) return ['% Invalid source address- IP address not on any of our up interfaces'];
  return text;
}

/** Parses the options after the target and works out the source; an error is returned as it prints. */
function probeOptions(
  state: DeviceState,
  a: CommandArgs,
  table: OptionTable,
): { options: ParsedOptions; source: string | undefined } | CommandResult {
  const text = a.values.options ?? '';
  const offset = a.offsets.options ?? 0;
  const options = parseProbeOptions(text, offset, table);
  if (options instanceof InvalidInput || Array.isArray(options)) return options;
  const given = options.source?.[0];
  const source = sourceAddress(state, given?.text, given?.start ?? 0);
  if (source instanceof InvalidInput || Array.isArray(source)) return source;
  return { options, source };
}

function ping(state: DeviceState, a: CommandArgs): CommandResult {
  const parsed = probeOptions(state, a, PING_OPTIONS);
  if (!parsed || Array.isArray(parsed) || parsed instanceof InvalidInput) return parsed;
  const { options, source } = parsed;
  const number = (word: string): number | undefined => (options[word]?.[0] ? Number(options[word][0].text) : undefined);
  return renderPing(state, a.values.target ?? '', {
    ...(number('repeat') !== undefined && { count: number('repeat') }),
    ...(number('size') !== undefined && { size: number('size') }),
    ...(number('timeout') !== undefined && { timeout: number('timeout') }),
    ...(source && { source }),
  });
}

function traceroute(state: DeviceState, a: CommandArgs): CommandResult {
  const parsed = probeOptions(state, a, TRACEROUTE_OPTIONS);
  if (!parsed || Array.isArray(parsed) || parsed instanceof InvalidInput) return parsed;
  const { options, source } = parsed;
  const [minTtl, maxTtl] = (options.ttl ?? []).map((t) => Number(t.text));
  return renderTraceroute(state, a.values.target ?? '', {
    ...(minTtl !== undefined && { minTtl }),
    ...(maxTtl !== undefined && { maxTtl }),
    ...(options.probe?.[0] && { probes: Number(options.probe[0].text) }),
    ...(source && { source }),
  });
}

/**
 * `ping [ip] A.B.C.D [options]` and `traceroute [ip] A.B.C.D [options]`, the options in any order
 * (NAPALM sends `ping 10.0.12.1 timeout 2 size 100 repeat 5`, Ansible's ios_ping `ping ip … repeat 3`).
 */
export const pingCommands: CommandDef[] = ['ping', 'ping ip', 'traceroute', 'traceroute ip'].flatMap((head): CommandDef[] => {
  const run = head.startsWith('ping') ? ping : traceroute;
  return [
    { pattern: `${head} <ipv4:target>`, privilege: 1, run: (s, _session, a) => run(s, a) },
    { pattern: `${head} <ipv4:target> <line:options>`, privilege: 1, run: (s, _session, a) => run(s, a) },
  ];
});
