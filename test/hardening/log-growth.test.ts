import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { RefusalLog } from '../../servers/lib/security/refusal-log';
import { fileSink } from '../../common/logging/file-sink';
import { loadConfig } from '../../servers/lib/config/load-config';
import { startServer } from '../../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { ownFolders, folder } from './hardening-kit';

/** Refusals cannot grow the log without bound. */

describe('refusals cannot grow the log without bound', () => {
  it('2,000 refused requests from one address leave a handful of lines, whose counts add up to 2,000', async () => {
    const config = testConfig({ ...ownFolders(), WEBHOOK_TOKEN: 'round2-token-123', RATE_LIMIT_PER_MIN: '600' });
    const logger = captureLogger();
    const running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    const statuses: number[] = [];
    try {
      for (let sent = 0; sent < 2000; sent += 50) {
        const batch = Array.from({ length: 50 }, () =>
          fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"X"}' }).then(
            async (r) => (await r.arrayBuffer(), r.status),
          ),
        );
        statuses.push(...(await Promise.all(batch)));
      }
    } finally {
      await running.close(); // writes the summary still pending
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(600);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1400);
    expect(logger.of('WEBHOOK_REJECTED')).toEqual([]);
    const refusals = logger.of('SECURITY').filter((l) => !l.includes('warning='));
    expect(refusals.length).toBeLessThan(10);
    expect(refusals[0]).toMatch(/^SECURITY reason=missing_credentials source=\S+ path=\/events request_id=/);
    const summaries = refusals.filter((l) => l.includes('reason=repeated_refusals'));
    const counted = summaries.reduce((sum, l) => sum + Number(/ count=(\d+)/.exec(l)![1]), 0);
    expect(refusals.length - summaries.length + counted).toBe(2000);
    // One reason is a plain value, two are quoted (the log line format quotes a value with a space).
    expect(summaries.at(-1)).toMatch(/reasons=(rate_limited:\d+|"missing_credentials:\d+ rate_limited:\d+") /);
  });

  it('summarises per source, once per interval, and logs the first refusal of the next interval in full', async () => {
    const logger = captureLogger();
    const refusals = new RefusalLog(logger, 50);
    const from = (ip: string) => ({
      req: { ip, path: '/events' } as unknown as Request,
      res: { locals: { requestId: 'r', source: ip } } as unknown as Response,
    });
    for (let i = 0; i < 5; i += 1)
      for (const ip of ['192.0.2.1', '192.0.2.2']) refusals.refuse(from(ip).req, from(ip).res, 'bad_signature');
    expect(logger.of('SECURITY')).toHaveLength(2);
    await new Promise<void>((resolve) => {
      const poll = () => (logger.of('SECURITY').length >= 4 ? resolve() : setTimeout(poll, 10));
      poll();
    });
    expect(
      logger
        .of('SECURITY')
        .slice(2)
        .map((l) => /source=(\S+) count=(\d+)/.exec(l)!.slice(1))
        .sort(),
    ).toEqual([
      ['192.0.2.1', '4'],
      ['192.0.2.2', '4'],
    ]);
    refusals.refuse(from('192.0.2.1').req, from('192.0.2.1').res, 'rate_limited');
    expect(logger.of('SECURITY').at(-1)).toMatch(/^SECURITY reason=rate_limited source=192\.0\.2\.1/);
    refusals.flush();
  });

  it('a log file rotates at its size limit and keeps only LOG_MAX_FILES old ones', async () => {
    const dir = folder();
    const file = path.join(dir, 'basic_webhook.log');
    const sink = fileSink(file, { maxBytes: 4096, maxFiles: 2 });
    const chunk = (n: number): string => `WEBHOOK_RECEIVED n=${String(n).padStart(4, '0')} ${'x'.repeat(973)}\n`; // 1,000 bytes
    for (let n = 0; n < 100; n += 1) sink.write(chunk(n));
    await sink.end();
    expect(fs.readdirSync(dir).sort()).toEqual(['basic_webhook.log', 'basic_webhook.log.1', 'basic_webhook.log.2']);
    const kept = ['basic_webhook.log.2', 'basic_webhook.log.1', 'basic_webhook.log'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const text of kept) expect(Buffer.byteLength(text)).toBeLessThanOrEqual(4096);
    expect(kept.join('')).toBe(Array.from({ length: 12 }, (_, i) => chunk(88 + i)).join('')); // the newest 12, in order
  });

  it('LOG_MAX_SIZE and LOG_MAX_FILES are read, with 10mb and 5 by default', () => {
    expect(loadConfig({}).logRotation).toEqual({ maxBytes: 10 * 1024 * 1024, maxFiles: 5 });
    expect(loadConfig({ LOG_MAX_SIZE: '512kb', LOG_MAX_FILES: '2' }).logRotation).toEqual({ maxBytes: 512 * 1024, maxFiles: 2 });
    expect(() => loadConfig({ LOG_MAX_SIZE: 'lots' })).toThrow(/LOG_MAX_SIZE/);
  });
});
