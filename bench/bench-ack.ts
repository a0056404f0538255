import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { githubSignature } from '../common/signatures/webhook-signatures';
import { cpuMsOf, memoryOf, median, round, spawnServer, type ChildServer } from './child-server';

export const BENCH_SECRET = 'bench-secret-0123456789';

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
  /** Extra node flags for the basic server (e.g. --cpu-prof for profiling). */
  basicNodeArgs?: string[];
  bareNodeArgs?: string[];
}

/** The load both servers get: the lab's sample event, signed the way GitHub signs. */
export function ackLoad() {
  const body = fs.readFileSync(path.join(__dirname, '..', 'payloads', 'basic_event.json'), 'utf8');
  return {
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': githubSignature(BENCH_SECRET, body) },
  };
}

export function basicServerEnv(logDir: string): Record<string, string> {
  return { WEBHOOK_SECRET: BENCH_SECRET, RATE_LIMIT_PER_MIN: '0', LOG_DIR: logDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' };
}

async function load(server: ChildServer, connections: number, durationS: number): Promise<LoadRun> {
  const { body, headers } = ackLoad();
  const cpuBefore = cpuMsOf(server.pid);
  const r = await autocannon({ url: `${server.url}/events`, method: 'POST', body, headers, connections, duration: durationS });
  const cpuMs = cpuMsOf(server.pid) - cpuBefore;
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

/**
 * Section 1: the basic server's full ack path against bare Express, same load, run
 * alternately A B A B … so drift on a shared machine hits both; medians of `rounds` runs.
 */
export async function benchAck(options: AckOptions) {
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-'));
  let basic: ChildServer | undefined;
  let bare: ChildServer | undefined;
  try {
    basic = await spawnServer('basic', { env: basicServerEnv(logDir), nodeArgs: options.basicNodeArgs ?? [] });
    bare = await spawnServer('bare', { env: {}, nodeArgs: options.bareNodeArgs ?? [] });
    await new Promise((r) => setTimeout(r, 300));
    const idle = { basic: memoryOf(basic.pid), bare: memoryOf(bare.pid) };
    // A short warm-up each, so JIT compilation is not inside the first measured run.
    await load(basic, options.connections, 1);
    await load(bare, options.connections, 1);
    const runs: { basic: LoadRun[]; bare: LoadRun[] } = { basic: [], bare: [] };
    for (let i = 1; i <= options.rounds; i += 1) {
      for (const [name, server] of [
        ['basic', basic],
        ['bare', bare],
      ] as const) {
        const run = await load(server, options.connections, options.durationS);
        runs[name].push(run);
        options.progress(
          `  ack round ${i}/${options.rounds} ${name.padEnd(5)} ${run.requests_per_s} req/s  mean ${run.mean_ms} ms  p50 ${run.p50_ms} ms  p99 ${run.p99_ms} ms  cpu ${run.server_cpu_us_per_request} µs/req`,
        );
      }
    }
    const after = { basic: memoryOf(basic.pid), bare: memoryOf(bare.pid) };
    const b = summary(runs.basic);
    const e = summary(runs.bare);
    const logBytes = fs.statSync(path.join(logDir, 'basic_webhook.log')).size;
    const journalBytes = fs.statSync(path.join(logDir, 'events.jsonl')).size;
    return {
      connections: options.connections,
      duration_s: options.durationS,
      rounds: options.rounds,
      basic: b,
      bare_express: e,
      ratios: {
        throughput: round(b.requests_per_s / e.requests_per_s),
        mean_latency: round(b.mean_ms / e.mean_ms),
        p50: round(b.p50_ms / e.p50_ms),
        p99: round(b.p99_ms / e.p99_ms),
        cpu_per_request: round(b.server_cpu_us_per_request / e.server_cpu_us_per_request),
      },
      targets: { throughput_at_least: 1.0, p99_at_most: 1.2 },
      met: b.requests_per_s >= e.requests_per_s && b.p99_ms <= 1.2 * e.p99_ms,
      written: { log_bytes: logBytes, journal_bytes: journalBytes },
      memory: { idle, after },
    };
  } finally {
    await basic?.stop();
    await bare?.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  }
}
