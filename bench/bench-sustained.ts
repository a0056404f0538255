import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { AckPeer } from './ack-peers';
import { ackLoad } from './bench-ack';
import { cpuMsOf, memoryOf, round, type ChildServer } from './child-server';

/** Seconds of the same load each server gets before its first measured run. */
const WARM_UP_S = 3;

/** One slice of a sustained run: what the server did in those seconds. */
export interface Slice {
  requests_per_s: number;
  p99_ms: number;
}

export interface SustainedRun {
  requests_per_s: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  server_cpu_us_per_request: number;
  slices: Slice[];
  /** Resident memory right after the run. */
  rss_after_mb: number | null;
}

export interface SustainedOptions {
  connections: number;
  durationS: number;
  sliceS: number;
  /** How many sustained runs each peer gets (the second shows whether memory keeps growing). */
  rounds: number;
  peers: AckPeer[];
  progress: (line: string) => void;
}

/** The p-th percentile (0–100) of already sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Latencies grouped by the slice of the run they ended in, each slice's rate and p99. */
export function slicesOf(samples: ReadonlyArray<{ atMs: number; latencyMs: number }>, sliceMs: number, durationMs: number): Slice[] {
  const count = Math.max(1, Math.round(durationMs / sliceMs));
  const buckets: number[][] = Array.from({ length: count }, () => []);
  for (const s of samples) buckets[Math.min(count - 1, Math.floor(s.atMs / sliceMs))]!.push(s.latencyMs);
  return buckets.map((latencies) => {
    latencies.sort((a, b) => a - b);
    return { requests_per_s: round(latencies.length / (sliceMs / 1000), 0), p99_ms: round(percentile(latencies, 99), 2) };
  });
}

/**
 * One long load on one server, every answer's latency kept with the time it ended, so the run
 * can be cut into slices: a dip that a 10-second mean hides shows up as a slow slice.
 */
async function sustainedLoad(server: ChildServer, options: SustainedOptions): Promise<SustainedRun> {
  const { body, headers } = ackLoad();
  const samples: Array<{ atMs: number; latencyMs: number }> = [];
  const cpuBefore = cpuMsOf(server.pid);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${server.url}/events`, method: 'POST', body, headers, connections: options.connections, duration: options.durationS },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on('response', (_client, _status, _bytes, latencyMs) => {
      samples.push({ atMs: performance.now() - started, latencyMs });
    });
  });
  const cpuMs = cpuMsOf(server.pid) - cpuBefore;
  await server.settle?.();
  const all = samples.map((s) => s.latencyMs).sort((a, b) => a - b);
  return {
    requests_per_s: round(result.requests.average, 0),
    p99_ms: round(percentile(all, 99), 2),
    non_2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    server_cpu_us_per_request: round((cpuMs * 1000) / Math.max(1, result.requests.total), 0),
    slices: slicesOf(samples, options.sliceS * 1000, options.durationS * 1000),
    rss_after_mb: memoryOf(server.pid)?.rss_mb ?? null,
  };
}

/**
 * The sustained run: `connections` connections for `durationS` seconds on each peer in turn,
 * `rounds` times (A B C D A B C D), every server started once and kept for all its rounds.
 * Targets (for the basic server): ahead of bare Express and of adnanh/webhook in every slice,
 * p99 no worse than bare Express's, resident memory after the load within 1.3× bare Express's,
 * and flat from the first round to the last.
 */
export async function benchSustained(options: SustainedOptions) {
  const active = options.peers.filter((p) => !p.skipped);
  for (const p of options.peers) if (p.skipped) options.progress(`  sustained ${p.name}: not run: ${p.skipped}`);
  const width = Math.max(...active.map((p) => p.name.length));
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-'));
  const servers = new Map<string, ChildServer>();
  let idle: Record<string, number | null> = {};
  const runs = new Map<string, SustainedRun[]>(active.map((p) => [p.name, []]));
  try {
    for (const p of active) servers.set(p.name, await p.start(logDir));
    idle = Object.fromEntries(active.map((p) => [p.name, memoryOf(servers.get(p.name)!.pid)?.rss_mb ?? null]));
    for (let i = 1; i <= options.rounds; i += 1) {
      for (const p of active) {
        // The same warm-up before every run, for every server: each has sat idle while the others
        // ran, and an idle Node process gives back heap and compiled code (V8's memory reducer),
        // which its first second under load pays for again (bench/README.md, "after idle").
        await sustainedLoad(servers.get(p.name)!, { ...options, durationS: WARM_UP_S });
        const run = await sustainedLoad(servers.get(p.name)!, options);
        runs.get(p.name)!.push(run);
        const slices = run.slices.map((s) => s.requests_per_s).join(' ');
        options.progress(
          `  sustained round ${i}/${options.rounds} ${p.name.padEnd(width)} ${run.requests_per_s} req/s [${slices}]  p99 ${run.p99_ms} ms  cpu ${run.server_cpu_us_per_request} µs/req  rss ${run.rss_after_mb} MB`,
        );
      }
    }
  } finally {
    for (const server of servers.values()) await server.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
  return {
    ...verdict(runs),
    rss_idle_mb: idle,
    connections: options.connections,
    duration_s: options.durationS,
    slice_s: options.sliceS,
    rounds: options.rounds,
    runs: Object.fromEntries(runs),
  };
}

/** Whether the basic server met each target, from every peer's runs. */
export function verdict(runs: ReadonlyMap<string, SustainedRun[]>) {
  const basic = runs.get('basic') ?? [];
  const bare = runs.get('bare') ?? [];
  const webhook = runs.get('webhook');
  const aheadInEverySlice = (other: SustainedRun[] | undefined): boolean | null =>
    other === undefined || other.length === 0
      ? null
      : basic.every((run, r) => run.slices.every((slice, i) => slice.requests_per_s > (other[r]?.slices[i]?.requests_per_s ?? Infinity)));
  const last = <T>(xs: T[]): T | undefined => xs[xs.length - 1];
  const rssBasic = last(basic)?.rss_after_mb ?? NaN;
  const rssBare = last(bare)?.rss_after_mb ?? NaN;
  const firstRss = basic[0]?.rss_after_mb ?? NaN;
  return {
    ahead_of_bare_in_every_slice: aheadInEverySlice(bare),
    ahead_of_webhook_in_every_slice: aheadInEverySlice(webhook),
    p99_no_worse_than_bare: basic.every((run, r) => run.p99_ms <= (bare[r]?.p99_ms ?? -Infinity)),
    rss_over_bare: round(rssBasic / rssBare),
    rss_within_1_3x_bare: rssBasic <= 1.3 * rssBare,
    /** Growth from the first sustained run to the last, in MB: about 0 when nothing is kept per request. */
    rss_growth_mb: round(rssBasic - firstRss, 1),
    rss_flat: rssBasic - firstRss <= Math.max(5, 0.05 * firstRss),
  };
}
