import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import request from 'supertest';
import { startInProcessLab, type InProcessLab } from '../lab/start-in-process-lab';
import { readEventStream, type FeedMessage } from './support/read-event-stream';
import { ROOT } from './support/spawn-process';
import { tempDir } from './support/test-config';

const TOKEN = 'dashboard-token-1';

/** The lab dashboard `npm start` serves: the servers' feeds and the router, through one loopback origin. */
describe('the lab dashboard', () => {
  jest.setTimeout(30_000);
  let lab: InProcessLab;
  let url: string;
  beforeAll(async () => {
    lab = await startInProcessLab({ env: { WEBHOOK_TOKEN: TOKEN }, dashboard: true });
    url = lab.dashboardUrl!.replace(/\/$/, '');
  });
  afterAll(() => lab.close());
  const dashboard = () => request(url);
  const interfaceState = async (name: string): Promise<string | undefined> => {
    const res = await fetch(`${lab.router.controlUrl}/interfaces`);
    return ((await res.json()) as { interfaces: Array<{ name: string; status: string }> }).interfaces.find((i) => i.name === name)?.status;
  };

  it('serves its page under the same strict Content-Security-Policy as the live view', async () => {
    const res = await dashboard().get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await dashboard().get('/assets/inspect/render-trace.js')).type).toBe('text/javascript');
  });

  it('answers only to its own loopback name (a DNS rebinding page gets 403)', async () => {
    const res = await dashboard().get('/').set('Host', 'attacker.example');
    expect(res.status).toBe(403);
  });

  it('follows the journal read rule: with WEBHOOK_TOKEN, the feed needs the bearer token', async () => {
    expect((await dashboard().get('/feed')).status).toBe(401);
  });

  it("relays every server's feed and the router's, tagged with where each came from", async () => {
    await fetch(`${lab.urls.joke}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: '{"event":"JokeRequest"}',
    });
    const seen = (all: FeedMessage[], source: string): boolean =>
      all.some((m) => m.event === 'source' && m.data.source === source && m.data.state === 'live');
    const res = await readEventStream(
      dashboard().get('/feed').set('Authorization', `Bearer ${TOKEN}`),
      (_m, all) =>
        ['basic', 'joke', 'card', 'network'].every((s) => seen(all, s)) &&
        all.some((m) => m.event === 'router' && m.data.kind === 'state') &&
        all.some((m) => m.event === 'item' && m.data.source === 'joke'),
    );
    expect(res.messages[0]).toMatchObject({
      event: 'hello',
      data: { servers: { basic: `${lab.urls.basic}/inspect`, network: `${lab.urls.network}/inspect` } },
    });
    const joke = res.messages.find((m) => m.event === 'item' && m.data.source === 'joke')!.data.item as Record<string, unknown>;
    expect(joke).toMatchObject({ kind: 'trace', event: 'JokeRequest', status: 200 });
    expect(res.messages.find((m) => m.event === 'router')!.data).toMatchObject({ kind: 'state', device: 'Router1' });
  });

  describe('the router buttons', () => {
    const press = (action: string) =>
      dashboard().post(`/router/Router1/GigabitEthernet3/${action}`).set('Authorization', `Bearer ${TOKEN}`);
    afterAll(() => fetch(`${lab.router.controlUrl}/interfaces/GigabitEthernet3/no-shutdown`, { method: 'POST' }));

    it('shut and unshut an interface through the control port', async () => {
      const shut = await press('shutdown').set('Content-Type', 'application/json').set('Sec-Fetch-Site', 'same-origin').send('{}');
      expect(shut.status).toBe(200);
      expect(shut.body).toMatchObject({ device: 'Router1', interface: 'GigabitEthernet3', changed: true, status: 'administratively down' });
      expect(await interfaceState('GigabitEthernet3')).toBe('administratively down');
      expect((await press('no-shutdown').set('Content-Type', 'application/json').send('{}')).status).toBe(200);
      expect(await interfaceState('GigabitEthernet3')).toBe('up');
    });

    it.each([
      ['from another site', { 'Sec-Fetch-Site': 'cross-site', 'Content-Type': 'application/json' }],
      ['from another origin', { Origin: 'http://attacker.example', 'Content-Type': 'application/json' }],
      ['as a form post (no JSON, so no CORS preflight would stop it)', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ])('refuse a press %s', async (_label, headers) => {
      const res = await press('shutdown')
        .set(headers)
        .send(headers['Content-Type'] === 'application/json' ? '{}' : 'a=1');
      expect(res.status).toBe(403);
      expect(await interfaceState('GigabitEthernet3')).toBe('up');
    });

    it('need the token like the feed', async () => {
      const res = await dashboard().post('/router/Router1/GigabitEthernet3/shutdown').set('Content-Type', 'application/json').send('{}');
      expect(res.status).toBe(401);
    });

    it('know only shutdown, no-shutdown and flap', async () => {
      const res = await press('reload').set('Content-Type', 'application/json').send('{}');
      expect(res.status).toBe(404);
    });
  });
});

describe('the lab dashboard with TLS_CERT set', () => {
  jest.setTimeout(30_000);
  it("reaches the servers over HTTPS, trusting the lab's own certificate", async () => {
    const dir = tempDir();
    execFileSync('bash', [path.join(ROOT, 'scripts/make-certs.sh'), dir]);
    const lab = await startInProcessLab({
      env: { TLS_CERT: path.join(dir, 'localhost.crt'), TLS_KEY: path.join(dir, 'localhost.key') },
      dashboard: true,
    });
    try {
      expect(lab.urls.basic).toMatch(/^https:/);
      const live = (all: FeedMessage[]): string[] =>
        all.filter((m) => m.event === 'source' && m.data.state === 'live').map((m) => String(m.data.source));
      const res = await readEventStream(request(lab.dashboardUrl!.replace(/\/$/, '')).get('/feed'), (_m, all) => live(all).length === 5);
      expect(live(res.messages).sort()).toEqual(['basic', 'card', 'joke', 'network', 'router']);
    } finally {
      await lab.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
