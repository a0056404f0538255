import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultAckPeers, sustainedPeers } from './bench-peers';
import { alternation, benchAck, describePeers } from './bench-ack';
import { benchDevice } from './bench-device';
import { benchConfigDiff } from './bench-config-diff';
import { benchSustained } from './bench-sustained';
import { round } from './child-server';
import { benchGradeClass, gradeClassRows, type GradeClassFigures } from './bench-grade-class';

/**
 * `npm run bench`: the webhook acknowledgement against bare Express and the lab text's FastAPI
 * listener, the device path on the simulator, an event storm, and memory — printed as a table and
 * written to bench/results.json. Never part of `npm test`. BENCH_DURATION_S / BENCH_ROUNDS /
 * BENCH_CONNECTIONS change the load; BENCH_PYTHON the python that runs the FastAPI listener
 * (default /usr/bin/python3, where Debian's python3-fastapi and python3-uvicorn install).
 */
const env = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

function progress(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine() {
  const cpus = os.cpus();
  return {
    hostname: os.hostname(),
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    load_average_at_start: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const round2 = (n: number): number => Math.round(n * 10) / 10;

type Ack = Awaited<ReturnType<typeof benchAck>>;
type Device = Awaited<ReturnType<typeof benchDevice>>;
type ConfigDiffFigures = Awaited<ReturnType<typeof benchConfigDiff>>;
type Sustained = Awaited<ReturnType<typeof benchSustained>>;

/** The storm again, against two copies + Redis, beside the single process's figures. */
function twoCopyRows(d: Device): string[][] {
  const s = d.storm;
  const t = d.storm_two_copies;
  const ok = (met: boolean): string => (met ? 'met' : '**missed**');
  if (!('total_ms' in t)) return [['Storm, two copies + Redis', `not run: ${t.skipped}`, '', '', '']];
  return [
    [
      `Storm, two copies + Redis (balancer): ${t.events} events`,
      `${t.total_ms} ms total, ${t.errors} errors`,
      `${s.total_ms} ms (one process)`,
      `${round2(t.total_ms / s.total_ms)}×`,
      `0 errors — ${ok(t.errors === 0)}`,
    ],
    [
      'Storm, two copies + Redis: SSH sessions opened',
      `${t.sessions_opened} (max ${t.max_sessions_per_device} per device)`,
      `${s.sessions_opened} (one process)`,
      '',
      `≤ 1 per device — ${ok(t.max_sessions_per_device <= 1)}`,
    ],
    [
      'Storm, two copies + Redis: commands sent / answers from shared work',
      `${t.commands_sent} / ${t.answered_from_shared_work} of ${t.events}`,
      `${s.commands_sent} / ${s.answered_from_shared_work} (one process)`,
      '',
      '',
    ],
  ];
}

/** The basic server against the lab text's FastAPI listener, after the bare-Express rows. */
function fastapiRows(ack: Ack): string[][] {
  const b = ack.basic;
  const f = ack.fastapi;
  const ok = (met: boolean): string => (met ? 'met' : '**missed**');
  if ('skipped' in f) return [['Webhook ack vs FastAPI', `not run: ${f.skipped}`, '', '', '≥ 1.2× requests/s — not run']];
  const r = ack.ratios_vs_fastapi!; // set whenever the FastAPI peer ran
  const a = ack.fastapi_listener ?? {};
  const what = `the lab text's FastAPI listener: FastAPI ${a.fastapi}, uvicorn ${a.uvicorn}, ${a.http}, ${a.loop}`;
  return [
    [
      'Webhook ack vs FastAPI, requests/s',
      `${b.requests_per_s}`,
      `${f.requests_per_s} (${what})`,
      `${r.throughput}×`,
      `≥ 1.2× — ${ok(b.requests_per_s >= 1.2 * f.requests_per_s)}`,
    ],
    ['Webhook ack vs FastAPI, mean latency', `${b.mean_ms} ms`, `${f.mean_ms} ms`, `${r.mean_latency}×`, ''],
    ['Webhook ack vs FastAPI, p99 latency', `${b.p99_ms} ms`, `${f.p99_ms} ms`, `${r.p99}×`, ''],
    [
      'Webhook ack vs FastAPI, server CPU per request',
      `${b.server_cpu_us_per_request} µs`,
      `${f.server_cpu_us_per_request} µs`,
      `${r.cpu_per_request}×`,
      '',
    ],
  ];
}

/** The basic server against another peer of the short rounds (adnanh/webhook, the floor), by name. */
function peerRows(ack: Ack, name: string, title: string): string[][] {
  const c = ack.other_peers[name];
  if (c === undefined) return [];
  if ('skipped' in c) return [[title, `not run: ${c.skipped}`, '', '', '']];
  const b = ack.basic;
  return [
    [
      `${title}, requests/s`,
      `${b.requests_per_s}`,
      `${c.requests_per_s} (server CPU ${c.server_cpu_us_per_request} µs per request, p99 ${c.p99_ms} ms)`,
      `${round(b.requests_per_s / c.requests_per_s)}×`,
      '',
    ],
  ];
}

/** The sustained run: every slice of every round, p99, and memory after it. */
function sustainedRows(s: Sustained): string[][] {
  const ok = (met: boolean | null): string => (met === null ? 'not run' : met ? 'met' : '**missed**');
  const slices = (name: string): string =>
    (s.runs[name] ?? []).map((run) => run.slices.map((x) => x.requests_per_s).join(' / ')).join(' ‖ ') || 'not run';
  const p99s = (name: string): string => (s.runs[name] ?? []).map((run) => `${run.p99_ms} ms`).join(' ‖ ') || 'not run';
  const rss = (name: string): string => (s.runs[name] ?? []).map((run) => `${run.rss_after_mb} MB`).join(' → ') || 'not run';
  const what = `${s.connections} connections × ${s.duration_s} s, ${s.rounds} runs, per ${s.slice_s}-s slice`;
  const lastRate = (name: string): number => s.runs[name]?.[s.rounds - 1]?.requests_per_s ?? NaN;
  return [
    [
      `Sustained (${what}): basic vs bare Express, requests/s`,
      slices('basic'),
      slices('bare'),
      '',
      `ahead in every slice — ${ok(s.ahead_of_bare_in_every_slice)}`,
    ],
    [
      `Sustained: basic vs adnanh/webhook, requests/s`,
      slices('basic'),
      slices('webhook'),
      '',
      `ahead in every slice — ${ok(s.ahead_of_webhook_in_every_slice)}`,
    ],
    ['Sustained: p99 latency, basic vs bare Express', p99s('basic'), p99s('bare'), '', `≤ bare — ${ok(s.p99_no_worse_than_bare)}`],
    [
      'Sustained: RSS after each run, basic vs bare Express',
      rss('basic'),
      rss('bare'),
      `${s.rss_over_bare}×`,
      `≤ 1.3× — ${ok(s.rss_within_1_3x_bare)}`,
    ],
    ['Sustained: basic RSS growth from the first run to the last', `${s.rss_growth_mb} MB`, '', '', `flat — ${ok(s.rss_flat)}`],
    [
      "Sustained: basic vs Node's http server doing nothing (the floor), requests/s",
      `${lastRate('basic')}`,
      `${lastRate('floor')}`,
      `${round(lastRate('basic') / lastRate('floor'))}×`,
      'the far target',
    ],
  ];
}

/** For the record: bare Express listening as the lab's servers do (ack-peers.ts, bareClassesPeer). */
function bareClassesRows(ack: Ack): string[][] {
  const c = ack.other_peers['bare-classes'];
  if (c === undefined || 'skipped' in c) return [];
  const b = ack.basic;
  return [
    [
      "Webhook ack, requests/s, vs bare Express 5 listening as the lab's servers do (for the record)",
      `${b.requests_per_s}`,
      `${c.requests_per_s} (server CPU ${c.server_cpu_us_per_request} µs per request, p99 ${c.p99_ms} ms)`,
      `${round(b.requests_per_s / c.requests_per_s)}×`,
      '',
    ],
  ];
}

/** The table of bench/README.md, in Markdown. */
export function table(ack: Ack, sustained: Sustained, device: Device, diff: ConfigDiffFigures, gradeClass: GradeClassFigures): string {
  const b = ack.basic;
  const e = ack.bare_express;
  const d = device;
  const s = d.storm;
  const ok = (met: boolean): string => (met ? 'met' : '**missed**');
  const mem = (m: { rss_mb: number } | undefined): string => (m ? `${m.rss_mb} MB` : 'n/a');
  const rows: string[][] = [
    ['What', 'Measured', 'Baseline (same run)', 'Ratio', 'Target'],
    [
      'Webhook ack, requests/s',
      `${b.requests_per_s}`,
      `${e.requests_per_s} (bare Express 5)`,
      `${ack.ratios.throughput}×`,
      `≥ 1.0× — ${ok(b.requests_per_s >= e.requests_per_s)}`,
    ],
    ['Webhook ack, mean latency', `${b.mean_ms} ms`, `${e.mean_ms} ms`, `${ack.ratios.mean_latency}×`, ''],
    ['Webhook ack, p50 latency', `${b.p50_ms} ms`, `${e.p50_ms} ms`, `${ack.ratios.p50}×`, ''],
    ['Webhook ack, p99 latency', `${b.p99_ms} ms`, `${e.p99_ms} ms`, `${ack.ratios.p99}×`, `≤ 1.2× — ${ok(b.p99_ms <= 1.2 * e.p99_ms)}`],
    [
      'Webhook ack, server CPU per request',
      `${b.server_cpu_us_per_request} µs`,
      `${e.server_cpu_us_per_request} µs`,
      `${ack.ratios.cpu_per_request}×`,
      '',
    ],
    ...fastapiRows(ack),
    ...peerRows(ack, 'webhook', 'Webhook ack vs adnanh/webhook'),
    ...peerRows(ack, 'floor', "Webhook ack vs Node's http server doing nothing (the floor)"),
    ...bareClassesRows(ack),
    ...sustainedRows(sustained),
    [
      'NetworkDeviceCheck, warm session (HTTP)',
      `${d.network_device_check.warm_ms.median} ms`,
      `${d.netmiko_style_script_ms.median} ms (Netmiko-style script)`,
      `${d.ratios.script_over_warm}× faster`,
      d.real_netmiko_ms
        ? `≤ 2 ms — ${ok(d.network_device_check.met)}`
        : `≤ 2 ms — ${ok(d.network_device_check.met)}; ≥ 100× — ${ok(d.ratios.script_over_warm >= 100)}`,
    ],
    [
      `NetworkDeviceCheck, warm session, the first ${d.network_device_check.warm_early_ms.runs.length} checks after the cold ones (V8 still compiling; the row above follows ${d.network_device_check.warm_up_checks} checks of warm-up)`,
      `${d.network_device_check.warm_early_ms.median} ms`,
      '',
      '',
      '',
    ],
    ...(d.real_netmiko_ms && d.ratios.netmiko_over_warm !== null
      ? [
          [
            'NetworkDeviceCheck, warm session (HTTP) vs a real Netmiko script',
            `${d.network_device_check.warm_ms.median} ms`,
            `${d.real_netmiko_ms.median} ms (real Netmiko: connect, 2 shows, disconnect)`,
            `${d.ratios.netmiko_over_warm}× faster`,
            `≥ 100× — ${ok(d.ratios.netmiko_over_warm >= 100)}`,
          ],
        ]
      : []),
    [
      'NetworkDeviceCheck, cold session (HTTP)',
      `${d.network_device_check.cold_ms.median} ms`,
      '',
      `${d.ratios.cold_over_warm}× the warm one`,
      '',
    ],
    [
      'Open a device session: TCP_NODELAY vs Nagle on both ends',
      `${d.tcp_nodelay.both_ends_nodelay.open_session_ms} ms`,
      `${d.tcp_nodelay.both_ends_nagle.open_session_ms} ms (Nagle)`,
      `${round2(d.tcp_nodelay.both_ends_nagle.open_session_ms / d.tcp_nodelay.both_ends_nodelay.open_session_ms)}× slower with Nagle`,
      '',
    ],
    ['One command, warm session (library)', `${d.command_on_warm_session_ms.median} ms`, '', '', '< 1 ms'],
    [
      `Storm: ${s.events} events, ${s.devices} devices, at once`,
      `${s.total_ms} ms total, ${s.errors} errors`,
      '',
      '',
      `0 errors — ${ok(s.errors === 0)}`,
    ],
    [
      'Storm: SSH sessions opened',
      `${s.sessions_opened} (max ${s.max_sessions_per_device} per device)`,
      '',
      '',
      `≤ 1 per device — ${ok(s.max_sessions_per_device <= 1)}`,
    ],
    ['Storm: commands sent / answers from shared work', `${s.commands_sent} / ${s.answered_from_shared_work} of ${s.events}`, '', '', ''],
    ...twoCopyRows(d),
    ['Storm: network server RSS idle → peak', `${s.rss_mb.idle} → ${s.rss_mb.peak_vmhwm} MB`, '', '', ''],
    [
      'RSS idle: basic / bare / network',
      `${mem(ack.memory.idle.basic)} / ${mem(ack.memory.idle.bare)} / ${mem(d.memory.network.idle)}`,
      '',
      '',
      '',
    ],
    [`RSS after the ack load: basic / bare`, `${mem(ack.memory.after.basic)} / ${mem(ack.memory.after.bare)}`, '', '', ''],
    [
      `ConfigChange, ${diff.interfaces} loopbacks (${diff.config_mb} MB) half changed: longest event-loop stall`,
      `${diff.longest_stall_ms} ms (p99 ${diff.p99_stall_ms} ms)`,
      `${diff.baseline_inline_stall_ms} ms (the old diff on the event loop, ${diff.baseline_inline_interfaces} loopbacks)`,
      '',
      `≤ 50 ms — ${ok(diff.met)}`,
    ],
    [
      'ConfigChange, same: /health while the backup runs',
      `${diff.health_answers_meanwhile} answers, slowest ${diff.health_max_ms} ms; diff reported ${diff.too_large ? 'too large' : 'in full'} after ${diff.backup_ms} ms`,
      '',
      '',
      '',
    ],
    ...gradeClassRows(gradeClass),
  ];
  return markdownTable(rows);
}

/** Section 1b: the sustained run (BENCH_SUSTAINED_CONNECTIONS, BENCH_SUSTAINED_S, BENCH_SUSTAINED_ROUNDS). */
function runSustained(): Promise<Sustained> {
  const peers = sustainedPeers();
  const options = {
    connections: env('BENCH_SUSTAINED_CONNECTIONS', 50),
    durationS: env('BENCH_SUSTAINED_S', 30),
    sliceS: 5,
    rounds: env('BENCH_SUSTAINED_ROUNDS', 2),
    peers,
    progress,
  };
  progress(
    `1b. sustained load: ${describePeers(peers)}, ${options.connections} connections × ${options.durationS} s, ${alternation(peers)} alternating, ${options.rounds} runs each`,
  );
  return benchSustained(options);
}

/** The table's rows as Markdown. */
function markdownTable(rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(rows[0]!), line(rows[0]!.map(() => '---')), ...rows.slice(1).map(line)].join('\n');
}

/** `npm run bench -- sustained`: the sustained run alone, its rows printed (nothing written). */
async function sustainedOnly(): Promise<void> {
  const sustained = await runSustained();
  progress(`\n${markdownTable([['What', 'Measured', 'Baseline (same run)', 'Ratio', 'Target'], ...sustainedRows(sustained)])}`);
}

const DEVICE_OPTIONS = {
  checks: 20,
  warmUpChecks: 2000,
  warmChecks: 200,
  scriptRuns: 10,
  netmikoRuns: 3,
  stormEvents: 200,
  stormDevices: 10,
  progress,
};

/** `npx tsx bench/main.ts device`: sections 2–3 alone, their progress lines printed (nothing written). */
async function deviceOnly(): Promise<void> {
  progress('2-3. device path on the simulator, and the event storm');
  await benchDevice(DEVICE_OPTIONS);
}

async function main(): Promise<void> {
  if (process.argv[2] === 'sustained') return sustainedOnly();
  if (process.argv[2] === 'device') return deviceOnly();
  const started = Date.now();
  const info = machine();
  progress(`hooklab bench — ${info.cpu}, ${info.cores} cores, Node ${info.node}, load average ${info.load_average_at_start.join(' ')}`);
  if (info.load_average_at_start[0]! > info.cores * 0.5)
    progress('  (the machine is busy: expect noise; the alternation keeps the comparison fair)');
  const connections = env('BENCH_CONNECTIONS', 10);
  const durationS = env('BENCH_DURATION_S', 10);
  const rounds = env('BENCH_ROUNDS', 3);
  const peers = defaultAckPeers({ python: process.env.BENCH_PYTHON || undefined });
  progress(
    `1. webhook ack: ${describePeers(peers)}, ${connections} connections × ${durationS} s, ${alternation(peers)} alternating, median of ${rounds}`,
  );
  const ack = await benchAck({ connections, durationS, rounds, progress, peers });
  const sustained = await runSustained();
  progress('2-3. device path on the simulator, and the event storm');
  const device = await benchDevice(DEVICE_OPTIONS);
  progress('4. a ConfigChange with a huge diff: event-loop stalls and /health meanwhile');
  const configDiff = await benchConfigDiff({ interfaces: 20_000, progress });
  progress('5. grading a class of 30 complete TypeScript submissions from folders (the roster, in the sandbox)');
  const gradeClass = await benchGradeClass({ students: 30, progress });
  const markdown = table(ack, sustained, device, configDiff, gradeClass);
  const results = {
    date: new Date().toISOString(),
    machine: { ...info, load_average_at_end: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    duration_s: Math.round((Date.now() - started) / 1000),
    webhook_ack: ack,
    sustained,
    device_path: device,
    config_diff: configDiff,
    grade_class: gradeClass,
    table_markdown: markdown,
  };
  const file = path.join(__dirname, 'results.json');
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  progress(`\n${markdown}\n\nwritten: ${path.relative(process.cwd(), file)} (${results.duration_s} s)`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
