import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { structuredPatch } from 'diff';
import { backupConfig } from '../servers/network/device-work/backup-config';
import type { DeviceSession } from '../servers/lib/device-client/device-session';
import { buildApp as buildBasicApp } from '../servers/basic/app';
import { startServer } from '../servers/lib/server/start-server';
import { createLogger } from '../common/logging/create-logger';
import { loadConfig } from '../servers/lib/config/load-config';
import { labFolders } from '../lab/lab-folders';

/** A running-config with `count` loopbacks, each with a long description; `changed(i)` rewrites some. */
export function loopbackConfig(count: number, changed: (i: number) => boolean): string {
  const lines = ['Building configuration...', '', 'Current configuration : 123 bytes', '!', 'hostname Router1', '!'];
  for (let i = 0; i < count; i += 1) {
    lines.push(
      `interface Loopback${i}`,
      ` description ${changed(i) ? 'moved to the new core' : 'customer handoff'} ${'-'.repeat(180)} ${i}`,
      ` ip address 10.${(i >> 8) & 255}.${i & 255}.1 255.255.255.255`,
      '!',
    );
  }
  lines.push('end', '');
  return lines.join('\n');
}

const ms = (ns: number): number => Math.round(ns / 1e4) / 100;

/**
 * Section 4: a ConfigChange whose diff is huge (the red team's 20,000 loopbacks, half changed),
 * as backupConfig runs it — the diff on a worker thread — while this process's own server
 * answers /health: the longest event-loop stall, and the /health answers meanwhile. Baseline:
 * the diff as it used to run, on the event loop, on a tenth of that configuration.
 */
export async function benchConfigDiff(options: { interfaces: number; progress: (line: string) => void }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-bench-diff-'));
  const config = loadConfig({ ...labFolders(dir), RATE_LIMIT_PER_MIN: '0' });
  const logger = createLogger({ name: 'bench', console: false });
  const server = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
  try {
    let text = loopbackConfig(options.interfaces, () => false);
    const session = { spec: { name: 'Router1' }, sendCommand: async () => text } as unknown as DeviceSession;
    await backupConfig(session, config.backupDir, new Date('2026-01-01T10:00:00Z'));
    text = loopbackConfig(options.interfaces, (i) => i % 2 === 0);

    const stalls = monitorEventLoopDelay({ resolution: 1 });
    stalls.enable();
    const started = performance.now();
    let finished = false;
    const backup = backupConfig(session, config.backupDir, new Date('2026-01-01T10:05:00Z')).finally(() => (finished = true));
    const healthMs: number[] = [];
    while (!finished) {
      const t = performance.now();
      await (await fetch(`${server.url}/health`)).arrayBuffer();
      if (!finished) healthMs.push(performance.now() - t);
    }
    const result = await backup;
    const totalMs = performance.now() - started;
    stalls.disable();

    // Baseline: the old way, jsdiff on the event loop with no bound.
    const small = Math.round(options.interfaces / 10);
    const before = loopbackConfig(small, () => false);
    const after = loopbackConfig(small, (i) => i % 2 === 0);
    const t0 = performance.now();
    structuredPatch('a.cfg', 'b.cfg', before, after);
    const inlineMs = performance.now() - t0;

    const figures = {
      interfaces: options.interfaces,
      config_mb: Math.round(Buffer.byteLength(text) / 1e4) / 100,
      too_large: result.too_large,
      backup_ms: Math.round(totalMs),
      longest_stall_ms: ms(stalls.max),
      p99_stall_ms: ms(stalls.percentile(99)),
      health_answers_meanwhile: healthMs.length,
      health_max_ms: Math.round(Math.max(0, ...healthMs) * 10) / 10,
      baseline_inline_interfaces: small,
      baseline_inline_stall_ms: Math.round(inlineMs),
      met: stalls.max / 1e6 <= 50,
    };
    options.progress(
      `  config diff: ${figures.interfaces} loopbacks (${figures.config_mb} MB), half changed: too_large=${figures.too_large} in ${figures.backup_ms} ms, longest stall ${figures.longest_stall_ms} ms, /health answered ${figures.health_answers_meanwhile}× meanwhile; inline diff of ${small}: ${figures.baseline_inline_stall_ms} ms stall`,
    );
    return figures;
  } finally {
    await server.close();
    await logger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
