import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { githubSignature } from '../common/signatures/webhook-signatures';
import { BENCH_SECRET, type AckPeer } from './ack-peers';
import { cpuMsOf, memoryOf, median, round, type ChildServer } from './child-server';

export { BENCH_SECRET, basicServerEnv } from './ack-peers';

export interface LoadRun {
  requests_per_s: number;
  /** autocannon reports percentiles in whole milliseconds; the mean keeps the fractions. */
  mean_ms: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  /** Server CPU time (user + system) per answered request: steadier than req/s on a busy machine. */
  server_cpu_us_per_request: number;
}

export interface AckOptions {
  connections: number;
  durationS: number;
  rounds: number;
  progress: (line: string) => void;
  /**
   * The servers, in the order they take turns (bench-peers.ts: defaultAckPeers(), or basicPeer()
   * and barePeer() with node flags such as --cpu-prof). `basic` and `bare` must be among them.
   */
  peers: AckPeer[];
}

/** The load every server gets: the lab's sample event, signed the way GitHub signs. */
export function ackLoad() {
  const body = fs.readFileSync(path.join(__dirname, '..', 'payloads', 'basic_event.json'), 'utf8');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': githubSignature(BENCH_SECRET, body) },
  };
}

async function load(server: ChildServer, connections: number, durationS: number): Promise<LoadRun> {
  const { body, headers } = ackLoad();
  const cpuBefore = cpuMsOf(server.pid);
  const r = await autocannon({ url: `${server.url}/events`, method: 'POST', body, headers, connections, duration: durationS });
  const cpuMs = cpuMsOf(server.pid) - cpuBefore;
  // Work it still does after answering (adnanh/webhook's commands) ends before the next peer's turn.
  await server.settle?.();
  return {
    server_cpu_us_per_request: round((cpuMs * 1000) / Math.max(1, r.requests.total), 0),
    requests_per_s: round(r.requests.average, 0),
    mean_ms: round(r.latency.average, 2),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    non_2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

export type AckSummary = ReturnType<typeof summary>;

function summary(runs: LoadRun[]) {
  return {
    requests_per_s: median(runs.map((r) => r.requests_per_s)),
    mean_ms: median(runs.map((r) => r.mean_ms)),
    p50_ms: median(runs.map((r) => r.p50_ms)),
    p99_ms: median(runs.map((r) => r.p99_ms)),
    server_cpu_us_per_request: median(runs.map((r) => r.server_cpu_us_per_request)),
    non_2xx: runs.reduce((n, r) => n + r.non_2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    runs,
  };
}

/** `a` over `b`, figure by figure. */
function ratios(a: AckSummary, b: AckSummary) {
  return {
    throughput: round(a.requests_per_s / b.requests_per_s),
    mean_latency: round(a.mean_ms / b.mean_ms),
    p50: round(a.p50_ms / b.p50_ms),
    p99: round(a.p99_ms / b.p99_ms),
    cpu_per_request: round(a.server_cpu_us_per_request / b.server_cpu_us_per_request),
  };
}

/** "the basic server vs bare Express 5 vs …", for the header line (benchAck prints why a peer did not run). */
export function describePeers(peers: readonly AckPeer[]): string {
  return peers.map((p) => (p.skipped ? `${p.label} (not run)` : p.label)).join(' vs ');
}

/** "A B C", one letter per peer that runs. */
export function alternation(peers: readonly AckPeer[]): string {
  return peers
    .filter((p) => !p.skipped)
    .map((_, i) => String.fromCharCode(65 + i))
    .join(' ');
}

/**
 * Section 1: the basic server's full ack path against the other peers (bare Express, the lab
 * text's FastAPI listener), same load, run in turn A B C A B C … so drift on a shared machine
 * hits all of them; medians of `rounds` runs. A peer that cannot run here is reported skipped.
 */
export async function benchAck(options: AckOptions) {
  const { peers } = options;
  for (const name of ['basic', 'bare'])
    if (!peers.some((p) => p.name === name && !p.skipped)) throw new Error(`benchAck needs the ${name} peer`);
  const active = peers.filter((p) => !p.skipped);
  const width = Math.max(...active.map((p) => p.name.length));
  for (const p of peers) if (p.skipped) options.progress(`  ack ${p.name}: not run: ${p.skipped}`);
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-'));
  const servers = new Map<string, ChildServer>();
  try {
    for (const p of active) servers.set(p.name, await p.start(logDir));
    const memory = (): Record<string, ReturnType<typeof memoryOf>> =>
      Object.fromEntries(active.map((p) => [p.name, memoryOf(servers.get(p.name)!.pid)]));
    await new Promise((r) => setTimeout(r, 300));
    const idle = memory();
    // A short warm-up each, so JIT compilation and first-request work are not inside the first measured run.
    for (const p of active) await load(servers.get(p.name)!, options.connections, 1);
    const runs = new Map<string, LoadRun[]>(active.map((p) => [p.name, []]));
    for (let i = 1; i <= options.rounds; i += 1) {
      for (const p of active) {
        const run = await load(servers.get(p.name)!, options.connections, options.durationS);
        runs.get(p.name)!.push(run);
        options.progress(
          `  ack round ${i}/${options.rounds} ${p.name.padEnd(width)} ${run.requests_per_s} req/s  mean ${run.mean_ms} ms  p50 ${run.p50_ms} ms  p99 ${run.p99_ms} ms  cpu ${run.server_cpu_us_per_request} µs/req`,
        );
      }
    }
    const after = memory();
    const summaries = new Map(active.map((p) => [p.name, summary(runs.get(p.name)!)]));
    const result = (name: string): AckSummary | { skipped: string } => {
      const peer = peers.find((p) => p.name === name);
      return summaries.get(name) ?? { skipped: peer?.skipped ?? 'not among the peers of this run' };
    };
    const b = summaries.get('basic')!;
    const e = summaries.get('bare')!;
    const f = summaries.get('fastapi');
    const logBytes = fs.statSync(path.join(logDir, 'basic_webhook.log')).size;
    const journalBytes = fs.statSync(path.join(logDir, 'events.jsonl')).size;
    return {
      connections: options.connections,
      duration_s: options.durationS,
      rounds: options.rounds,
      peers: peers.map(({ name, label, skipped }) => ({ name, label, ...(skipped ? { skipped } : {}) })),
      basic: b,
      bare_express: e,
      ratios: ratios(b, e),
      targets: { throughput_at_least: 1.0, p99_at_most: 1.2 },
      /** The bare-Express targets. */
      met: b.requests_per_s >= e.requests_per_s && b.p99_ms <= 1.2 * e.p99_ms,
      fastapi: result('fastapi'),
      /** Versions, HTTP implementation and event loop of the FastAPI peer (or just the python asked, when skipped). */
      fastapi_listener: peers.find((p) => p.name === 'fastapi')?.about ?? null,
      /** basic over the lab text's FastAPI listener; null when it did not run. */
      ratios_vs_fastapi: f ? ratios(b, f) : null,
      targets_vs_fastapi: { throughput_at_least: 1.2 },
      met_vs_fastapi: f ? b.requests_per_s >= 1.2 * f.requests_per_s : null,
      /** Any further peer's figures, by name. */
      other_peers: Object.fromEntries(
        peers.filter((p) => !['basic', 'bare', 'fastapi'].includes(p.name)).map((p) => [p.name, result(p.name)]),
      ),
      written: { log_bytes: logBytes, journal_bytes: journalBytes },
      memory: { idle, after },
    };
  } finally {
    for (const server of servers.values()) await server.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
