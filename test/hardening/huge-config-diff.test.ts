import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startServer } from '../../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import type { DeviceSession } from '../../servers/lib/device-client/device-session';
import { backupConfig } from '../../servers/network/device-work/backup-config';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { loopbackConfig } from '../../bench/bench-config-diff';
import { ownFolders, folder } from './hardening-kit';

/** A huge configuration change never freezes the server. */

describe('a huge configuration change never freezes the server', () => {
  // The same attack configuration the bench measures (bench/bench-config-diff.ts).
  const runningConfig = loopbackConfig;
  const sessionOf = (text: () => string) => ({ spec: { name: 'Router1' }, sendCommand: async () => text() }) as unknown as DeviceSession;

  it('20,000 loopbacks with long descriptions, half of them changed: "too large", while /health keeps answering', async () => {
    const dir = folder();
    let text = runningConfig(20_000, () => false);
    const session = sessionOf(() => text);
    await backupConfig(session, dir, new Date('2026-01-01T10:00:00Z'));
    text = runningConfig(20_000, (i) => i % 2 === 0);

    const config = testConfig(ownFolders());
    const logger = captureLogger();
    const running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    try {
      stalls.enable();
      const started = performance.now();
      let finished = false;
      const backup = backupConfig(session, dir, new Date('2026-01-01T10:05:00Z')).finally(() => (finished = true));
      let answeredMeanwhile = 0;
      while (!finished) {
        const health = await fetch(`${running.url}/health`);
        if (health.status === 200 && !finished) answeredMeanwhile += 1;
      }
      const result = await backup;
      const tookMs = performance.now() - started;
      stalls.disable();

      expect(result).toMatchObject({
        changed: true,
        too_large: true,
        diff: null,
        lines_added: null,
        note: expect.stringMatching(/too large to show/),
      });
      expect(fs.readFileSync(result.backup, 'utf8')).toContain('moved to the new core');
      expect(answeredMeanwhile).toBeGreaterThanOrEqual(3);
      // The loop kept turning: its longest stall is a small part of the time the backup took.
      expect(stalls.max / 1e6).toBeLessThan(tookMs / 2);
    } finally {
      await running.close();
    }
  }, 60_000);

  it('a change of a realistic size is still shown in full', async () => {
    const dir = folder();
    let text = runningConfig(2_000, () => false);
    const session = sessionOf(() => text);
    await backupConfig(session, dir, new Date('2026-01-01T10:00:00Z'));
    text = runningConfig(2_000, (i) => i % 40 === 0);
    const result = await backupConfig(session, dir, new Date('2026-01-01T10:05:00Z'));
    expect(result).toMatchObject({ changed: true, too_large: false, lines_added: 50, lines_removed: 50 });
    expect(result.diff).toMatch(/^\+ description moved to the new core -+ 40$/m);
  });
});
