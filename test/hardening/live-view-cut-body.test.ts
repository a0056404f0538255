import request from 'supertest';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { captureLogger } from '../support/capture-logger';
import { readEventStream } from '../support/read-event-stream';
import { testConfig } from '../support/test-config';

/**
 * With a live view watching, one unauthenticated ~60 KB JSON body killed the
 * server — the live view cut the pretty-printed body at 64 KB and parsed the cut text again.
 */
describe('a 60 KB body whose pretty-printed form the live view cuts, while a live view watches', () => {
  let running: RunningServer;
  beforeAll(async () => {
    const config = testConfig({ BODY_LIMIT: '100kb' });
    const logger = captureLogger();
    running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
  });
  afterAll(() => running.close(1000));

  it('is shown, cut; and the server goes on answering', async () => {
    // The attack's body: 30,000 ones are 60 KB as sent and about 240 KB pretty-printed, far past
    // the 64 KB shown; `event` is no string, so the live view looked for it in the body itself.
    const body = JSON.stringify({ event: 1, x: Array.from({ length: 30_000 }, () => 1) });
    let posted: Promise<number> | undefined;
    const feed = await readEventStream(request(running.url).get('/inspect/feed'), (m) => {
      if (m.event === 'ready')
        posted = fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
          async (r) => (await r.arrayBuffer(), r.status),
        );
      return m.event === 'trace' && m.data.path === '/events';
    });
    expect(await posted).toBe(422);
    const trace = feed.messages.find((m) => m.event === 'trace')!.data as { body: { truncated?: boolean; bytes: number } };
    expect(trace.body).toMatchObject({ truncated: true, bytes: body.length });
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });

  it('with nobody watching, is in the backlog of the next live view that opens', async () => {
    const body = JSON.stringify({ event: 1, x: Array.from({ length: 30_000 }, () => 2) });
    const posted = await fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(posted.status).toBe(422);
    const feed = await readEventStream(request(running.url).get('/inspect/feed'), (m) => m.event === 'ready');
    const traces = feed.messages.filter((m) => m.event === 'trace').map((m) => m.data as { body?: { bytes: number } });
    expect(traces.some((t) => t.body?.bytes === body.length)).toBe(true);
    expect(feed.messages.at(-1)!.event).toBe('ready');
  });
});
