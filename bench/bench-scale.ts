import path from 'node:path';
import type { RunningSimulator } from '../simulator/start-simulator';
import { findRedisServer, startRedisServer } from '../lab/redis-server';
import { startBalancer } from '../lab/round-robin-balancer';
import { memoryOf, round } from './child-server';
import { deviceStats, post, startNetworkServer } from './network-under-test';

export interface ScaleStormOptions {
  sim: RunningSimulator;
  stormNames: string[];
  /** The same events as the single-process storm. */
  events: object[];
  dir: string;
  progress: (line: string) => void;
}

export interface TwoCopyStorm {
  events: number;
  devices: number;
  total_ms: number;
  sessions_opened: number;
  max_sessions_per_device: number;
  sessions_per_device: Record<string, number>;
  commands_sent: number;
  answered_from_shared_work: number;
  errors: number;
  error_samples: Array<{ status: number; error: unknown }>;
  rss_mb_peak_sampled_per_copy: number;
  met: boolean;
}

/**
 * The event storm against two copies of the network server (each its own process, as
 * `npm start -- --scale 2` runs them) sharing a fresh redis-server, behind the lab's round-robin
 * balancer: total time, SSH sessions per device, commands, answers from shared work, errors.
 * Null (with the reason) when redis-server is not installed.
 */
export async function benchTwoCopyStorm({
  sim,
  stormNames,
  events,
  dir,
  progress,
}: ScaleStormOptions): Promise<TwoCopyStorm | { skipped: string }> {
  if (!findRedisServer()) {
    progress('  two copies + Redis: skipped (redis-server is not installed; apt-get install redis-server)');
    return { skipped: 'redis-server is not installed' };
  }
  const redis = await startRedisServer();
  const env = { REDIS_URL: redis.url };
  const copies = [
    await startNetworkServer(sim, stormNames, path.join(dir, 'copy-1'), env),
    await startNetworkServer(sim, stormNames, path.join(dir, 'copy-2'), env),
  ];
  const balancer = await startBalancer({
    host: '127.0.0.1',
    port: 0,
    forwardedFor: false,
    targets: copies.map((c, i) => ({ name: `network-${i + 1}`, url: c.url })),
  });
  try {
    const before = await deviceStats(sim);
    let sampledPeak = 0;
    const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, ...copies.map((c) => memoryOf(c.pid)?.rss_mb ?? 0))), 25);
    const started = performance.now();
    const answers = await Promise.all(events.map((e) => post(balancer.url, e)));
    const totalMs = round(performance.now() - started, 1);
    clearInterval(sampler);
    const after = await deviceStats(sim);
    const diff = (key: 'sessions_opened' | 'commands', name: string): number => (after[name]?.[key] ?? 0) - (before[name]?.[key] ?? 0);
    const sessionsPerDevice = Object.fromEntries(stormNames.map((n) => [n, diff('sessions_opened', n)]));
    const sessions = Object.values(sessionsPerDevice).reduce((a, b) => a + b, 0);
    const commands = stormNames.reduce((n, name) => n + diff('commands', name), 0);
    const errors = answers.filter((a) => a.status !== 200);
    const coalesced = answers.filter((a) => a.body && a.body.coalesced !== false && a.body.coalesced !== undefined).length;
    progress(
      `  storm, two copies + Redis: ${events.length} events in ${totalMs} ms, sessions ${sessions}, commands ${commands}, errors ${errors.length}`,
    );
    return {
      events: events.length,
      devices: stormNames.length,
      total_ms: totalMs,
      sessions_opened: sessions,
      max_sessions_per_device: Math.max(...Object.values(sessionsPerDevice)),
      sessions_per_device: sessionsPerDevice,
      commands_sent: commands,
      answered_from_shared_work: coalesced,
      errors: errors.length,
      error_samples: errors.slice(0, 3).map((e) => ({ status: e.status, error: e.error ?? e.body })),
      rss_mb_peak_sampled_per_copy: sampledPeak,
      met: Math.max(...Object.values(sessionsPerDevice)) <= 1 && errors.length === 0,
    };
  } finally {
    await balancer.close();
    for (const c of copies) await c.stop();
    await redis.stop();
  }
}
