import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { captureLogger } from '../support/capture-logger';
import { readEventStream, type FeedMessage } from '../support/read-event-stream';
import { testConfig } from '../support/test-config';
import request from 'supertest';

/**
 * 80 journaled events of 90 KB each broke a server's live view for good — the
 * feed ended after 4.2 MB of backlog (no `ready`, no traces), on every reconnect, after restarts too.
 */
describe('a live view opened on a journal of 80 events of 90 KB each', () => {
  let running: RunningServer;
  afterAll(() => running.close(1000));

  it('still says ready, sends a bounded backlog, and shows new requests', async () => {
    const config = testConfig({ BODY_LIMIT: '100kb' });
    const start = async (): Promise<RunningServer> => {
      const logger = captureLogger();
      return startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    };
    running = await start();
    const big = (i: number): string => JSON.stringify({ event: 'Big', n: i, x: 'a'.repeat(90_000) });
    const post = (body: string): Promise<number> =>
      fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
        async (r) => (await r.arrayBuffer(), r.status),
      );
    for (let i = 0; i < 80; i += 1) expect(await post(big(i))).toBe(200);
    // Restarted: the journal is all there is (no trace in memory).
    await running.close(1000);
    running = await start();

    let posted: Promise<number> | undefined;
    const feed = await readEventStream(request(running.url).get('/inspect/feed'), (m) => {
      if (m.event === 'ready') posted = post('{"event":"After"}');
      return m.event === 'trace' && m.data.event === 'After';
    });
    expect(await posted).toBe(200);
    const journal = feed.messages.filter((m: FeedMessage) => m.event === 'journal');
    const bytes = journal.reduce((sum, m) => sum + JSON.stringify(m.data).length, 0);
    expect(journal.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    // The newest are the ones shown, oldest first.
    expect(journal.at(-1)!.data.payload).toMatch(/"n": 79/);
    expect(feed.messages.find((m) => m.event === 'ready')!.data).toMatchObject({ left_out: 80 - journal.length });
  });
});
