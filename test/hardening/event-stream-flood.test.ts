import http from 'node:http';
import net from 'node:net';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import type { WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { DEFAULT_STREAM_LIMITS } from '../../common/event-stream/stream-slots';
import { startDashboard, type RunningDashboard } from '../../lab/dashboard/start-dashboard';
import { captureLogger } from '../support/capture-logger';
import { eventStreamParser } from '../../common/event-stream/parse-event-stream';
import { testConfig } from '../support/test-config';

/**
 * Event streams never timed out and counted against MAX_CONNECTIONS_PER_ADDRESS,
 * so 256 watchers on loopback got every loopback client 503 (the router's webhooks included);
 * watchers that never read were buffered without end; each dashboard tab opened five relays.
 */
describe('watchers opening event streams by the hundred', () => {
  let web: WebhookApp;
  let running: RunningServer;
  const open: http.ClientRequest[] = [];
  beforeAll(async () => {
    const config = testConfig({ MAX_CONNECTIONS_PER_ADDRESS: '20', BODY_LIMIT: '100kb' });
    const logger = captureLogger();
    web = buildBasicApp({ config, logger });
    running = await startServer(web, { config, logger, port: 0 });
  });
  afterEach(async () => {
    for (const req of open.splice(0)) req.destroy();
    // The server sees them go a moment later.
    for (let i = 0; i < 200 && web.inspectFeed.watching > 0; i += 1) await new Promise((r) => setTimeout(r, 10));
  });
  afterAll(() => running.close(1000));

  /** Opens /inspect/feed from `localAddress`; resolves with the status once the answer's head arrives (the stream stays open). */
  const watch = (localAddress = '127.0.0.1'): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = http.get(`${running.url}/inspect/feed`, { localAddress, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      open.push(req);
    });
  const post = (body = '{"event":"InterfaceDown"}'): Promise<number> =>
    fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(
      async (r) => (await r.arrayBuffer(), r.status),
    );
  const count = (statuses: number[], status: number): number => statuses.filter((s) => s === status).length;

  it('30 streams from one address: 8 are held, the rest answered 503, and webhooks from that address still get in', async () => {
    const statuses = await Promise.all(Array.from({ length: 30 }, () => watch()));
    expect(count(statuses, 200)).toBe(DEFAULT_STREAM_LIMITS.perAddress);
    expect(count(statuses, 503)).toBe(30 - DEFAULT_STREAM_LIMITS.perAddress);
    // 20 webhooks at once from the same address, as many as MAX_CONNECTIONS_PER_ADDRESS allows.
    expect(await Promise.all(Array.from({ length: 20 }, () => post()))).toEqual(Array.from({ length: 20 }, () => 200));
  });

  it('streams from many addresses stop at the cap in all', async () => {
    const addresses = Array.from({ length: 50 }, (_, i) => `127.0.0.${2 + (i % 10)}`);
    const statuses = await Promise.all(addresses.map((a) => watch(a)));
    expect(count(statuses, 200)).toBe(DEFAULT_STREAM_LIMITS.total);
    expect(await post()).toBe(200);
  });

  it('a watcher that never reads is dropped once it lags too far, never buffered without end', async () => {
    const socket = net.connect(running.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`GET /inspect/feed HTTP/1.1\r\nHost: 127.0.0.1:${running.port}\r\n\r\n`);
    socket.pause();
    let closed = false;
    socket.once('close', () => (closed = true));
    for (let i = 0; i < 200 && web.inspectFeed.watching === 0; i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(web.inspectFeed.watching).toBe(1);
    // ~90 KB events, far more than the kernel's socket buffers and the 1 MB a watcher may lag.
    const big = JSON.stringify({ event: 'Big', x: 'a'.repeat(90_000) });
    for (let i = 0; i < 150 && web.inspectFeed.watching > 0; i += 1) expect(await post(big)).toBe(200);
    expect(web.inspectFeed.watching).toBe(0);
    socket.resume(); // what was sent arrives, then the end
    await new Promise<void>((resolve) => (closed ? resolve() : socket.once('close', () => resolve())));
    socket.destroy();
  });
});

describe('dashboard tabs', () => {
  it('share one relay per server, however many are open', async () => {
    const config = testConfig();
    const logger = captureLogger();
    const web = buildBasicApp({ config, logger });
    const running = await startServer(web, { config, logger, port: 0 });
    // All four columns follow this one server: one relay each, so 4 watchers.
    const servers = { basic: running.url, joke: running.url, card: running.url, network: running.url };
    let dashboard: RunningDashboard | undefined;
    const tabs: http.ClientRequest[] = [];
    /** Opens the dashboard's feed; resolves once it shows all four servers live (the stream stays open). */
    const openTab = (url: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const live = new Set<string>();
        const req = http.get(`${url}/feed`, (res) => {
          res.setEncoding('utf8');
          res.on(
            'data',
            eventStreamParser((m) => {
              const data = JSON.parse(m.data) as { source?: string; state?: string };
              if (m.event === 'source' && data.state === 'live') live.add(String(data.source));
              if (['basic', 'joke', 'card', 'network'].every((s) => live.has(s))) resolve();
            }),
          );
        });
        req.on('error', reject);
        tabs.push(req);
      });
    try {
      dashboard = await startDashboard({ config, servers, routerControlUrl: running.url, port: 0, logger });
      const url = dashboard.url.replace(/\/$/, '');
      await Promise.all([openTab(url), openTab(url), openTab(url)]);
      expect(web.inspectFeed.watching).toBe(4); // not 3 × 4
      await openTab(url);
      expect(web.inspectFeed.watching).toBe(4);
    } finally {
      for (const tab of tabs) tab.destroy();
      await dashboard?.close();
      await running.close(1000);
    }
  });
});
