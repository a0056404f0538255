import { cliLines } from './cli-lines';

/** The counters of `show interfaces` a diagnosis looks at. */
export interface InterfaceCounters {
  packets_in: number;
  bytes_in: number;
  broadcasts_in: number;
  runts: number;
  giants: number;
  input_errors: number;
  crc: number;
  packets_out: number;
  bytes_out: number;
  output_errors: number;
  collisions: number;
  interface_resets: number;
  output_drops: number;
  lost_carrier: number;
}

/** One interface of `show interfaces [IF]`. Fields the output lacks are `null`. */
export interface InterfaceDetail {
  name: string;
  /** `up`, `down`, `administratively down` or `deleted`. */
  status: string;
  /** `up` or `down`. */
  protocol: string;
  description: string | null;
  hardware: string | null;
  mac: string | null;
  /** Address with prefix length, e.g. `192.0.2.11/24`; `null` when unassigned. */
  ip: string | null;
  mtu: number | null;
  bandwidth_kbit: number | null;
  duplex: string | null;
  speed: string | null;
  /** Time since the last packet in / out, as IOS words it (`00:03:17`, `2d04h`, `never`). */
  last_input: string | null;
  last_output: string | null;
  last_clearing: string | null;
  input_rate_bps: number | null;
  output_rate_bps: number | null;
  counters: InterfaceCounters;
}

const HEADER = /^(\S+) is (up|down|administratively down|deleted)(?: \([^)]*\))?, line protocol is (up|down)/;

type Field = (detail: InterfaceDetail, m: RegExpExecArray) => void;
const n = (text: string | undefined): number => Number(text ?? 0);

// One pattern per line shape; each fills in the fields that line carries.
const FIELDS: Array<[RegExp, Field]> = [
  [
    /^\s+Hardware is ([^,]+?)(?:, address is (\S+) \(bia \S+\))?\s*$/,
    (d, m) => {
      d.hardware = m[1]!;
      d.mac = m[2] ?? null;
    },
  ],
  [
    /^\s+Description: (.*?)\s*$/,
    (d, m) => {
      d.description = m[1]!;
    },
  ],
  [
    /^\s+Internet address is (\S+)/,
    (d, m) => {
      d.ip = m[1]!;
    },
  ],
  [
    /^\s+MTU (\d+) bytes, BW (\d+) Kbit/,
    (d, m) => {
      d.mtu = n(m[1]);
      d.bandwidth_kbit = n(m[2]);
    },
  ],
  [
    /^\s+(\S+)[- ][Dd]uplex, ([^,]+),/,
    (d, m) => {
      d.duplex = m[1]!.toLowerCase();
      d.speed = m[2]!;
    },
  ],
  [
    /^\s+Last input (\S+), output (\S+), output hang/,
    (d, m) => {
      d.last_input = m[1]!;
      d.last_output = m[2]!;
    },
  ],
  [
    /^\s+Last clearing of "show interface" counters (\S+)/,
    (d, m) => {
      d.last_clearing = m[1]!;
    },
  ],
  [
    /Total output drops: (\d+)/,
    (d, m) => {
      d.counters.output_drops = n(m[1]);
    },
  ],
  [
    /^\s+\d+ (?:minute|second) input rate (\d+) bits\/sec/,
    (d, m) => {
      d.input_rate_bps = n(m[1]);
    },
  ],
  [
    /^\s+\d+ (?:minute|second) output rate (\d+) bits\/sec/,
    (d, m) => {
      d.output_rate_bps = n(m[1]);
    },
  ],
  [
    /^\s+(\d+) packets input, (\d+) bytes/,
    (d, m) => {
      d.counters.packets_in = n(m[1]);
      d.counters.bytes_in = n(m[2]);
    },
  ],
  [
    /^\s+Received (\d+) broadcasts/,
    (d, m) => {
      d.counters.broadcasts_in = n(m[1]);
    },
  ],
  [
    /^\s+(\d+) runts, (\d+) giants/,
    (d, m) => {
      d.counters.runts = n(m[1]);
      d.counters.giants = n(m[2]);
    },
  ],
  [
    /^\s+(\d+) input errors, (\d+) CRC/,
    (d, m) => {
      d.counters.input_errors = n(m[1]);
      d.counters.crc = n(m[2]);
    },
  ],
  [
    /^\s+(\d+) packets output, (\d+) bytes/,
    (d, m) => {
      d.counters.packets_out = n(m[1]);
      d.counters.bytes_out = n(m[2]);
    },
  ],
  [
    /^\s+(\d+) output errors, (?:(\d+) collisions, )?(\d+) interface resets/,
    (d, m) => {
      d.counters.output_errors = n(m[1]);
      d.counters.collisions = n(m[2]);
      d.counters.interface_resets = n(m[3]);
    },
  ],
  [
    /^\s+(\d+) lost carrier/,
    (d, m) => {
      d.counters.lost_carrier = n(m[1]);
    },
  ],
];

function emptyDetail(name: string, status: string, protocol: string): InterfaceDetail {
  return {
    name,
    status,
    protocol,
    description: null,
    hardware: null,
    mac: null,
    ip: null,
    mtu: null,
    bandwidth_kbit: null,
    duplex: null,
    speed: null,
    last_input: null,
    last_output: null,
    last_clearing: null,
    input_rate_bps: null,
    output_rate_bps: null,
    counters: {
      packets_in: 0,
      bytes_in: 0,
      broadcasts_in: 0,
      runts: 0,
      giants: 0,
      input_errors: 0,
      crc: 0,
      packets_out: 0,
      bytes_out: 0,
      output_errors: 0,
      collisions: 0,
      interface_resets: 0,
      output_drops: 0,
      lost_carrier: 0,
    },
  };
}

/**
 * Parses `show interfaces` (all, or one): a block starts at each `X is …, line protocol is …`
 * line; its indented lines are matched one shape at a time.
 */
export function parseShowInterfaces(text: string): InterfaceDetail[] {
  const details: InterfaceDetail[] = [];
  let current: InterfaceDetail | undefined;
  for (const line of cliLines(text)) {
    const header = HEADER.exec(line);
    if (header) {
      current = emptyDetail(header[1]!, header[2]!, header[3]!);
      details.push(current);
      continue;
    }
    if (!current) continue;
    for (const [pattern, apply] of FIELDS) {
      const m = pattern.exec(line);
      if (m) apply(current, m);
    }
  }
  for (const d of details) if (d.ip === 'unassigned') d.ip = null;
  return details;
}
