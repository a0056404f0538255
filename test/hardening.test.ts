import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import request from './support/route-request';
import autocannon from 'autocannon';
import { createWebhookApp } from '../servers/lib/pipeline/create-webhook-app';
import { startServer } from '../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../servers/basic/app';
import { captureLogger } from './support/capture-logger';
import { tempDir, testConfig } from './support/test-config';
import { spawnTs, ROOT } from './support/spawn-process';

const TOKEN = 'hardening-token-123';
const SECRET = 'hardening-secret-123';

// The folders testConfig makes for countingApp (logs, backups, known hosts), removed at the end.
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

function countingApp(env: Record<string, string> = {}) {
  const config = testConfig(env);
  madeDirs.push(config.logDir, config.backupDir, path.dirname(config.knownHostsFile));
  const logger = captureLogger();
  let runs = 0;
  const { app } = createWebhookApp({
    server: 'joke',
    config,
    logger,
    events: [{ name: 'JokeRequest', handle: () => ({ joke: `joke number ${++runs}` }) }],
  });
  return { app, config, logger, runs: () => runs };
}

describe('duplicate deliveries', () => {
  it.each([['Idempotency-Key'], ['X-GitHub-Delivery'], ['webhook-id']])(
    'a second delivery with the same %s is acknowledged as a duplicate and does not run again',
    async (header) => {
      const { app, runs } = countingApp();
      const first = await request(app).post('/events').set(header, 'delivery-42').send({ event: 'JokeRequest' });
      const second = await request(app).post('/events').set(header, 'delivery-42').send({ event: 'JokeRequest' });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ duplicate: true, id: expect.any(String), delivery_id: 'delivery-42' });
      expect(runs()).toBe(1);
      const original = await request(app).get(`/events/${second.body.id}`);
      expect(original.body).toMatchObject({ outcome: 'ok', delivery_id: 'delivery-42' });
    },
  );

  it('concurrent copies of one delivery run the action once', async () => {
    const { app, runs } = countingApp();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => request(app).post('/events').set('Idempotency-Key', 'same').send({ event: 'JokeRequest' })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(9);
    expect(runs()).toBe(1);
  });

  it('is still recognised after the server restarts (same LOG_DIR)', async () => {
    const logDir = tempDir();
    const before = countingApp({ LOG_DIR: logDir });
    await request(before.app).post('/events').set('Idempotency-Key', 'persisted').send({ event: 'JokeRequest' });
    const after = countingApp({ LOG_DIR: logDir });
    const again = await request(after.app).post('/events').set('Idempotency-Key', 'persisted').send({ event: 'JokeRequest' });
    expect(again.body.duplicate).toBe(true);
    expect(after.runs()).toBe(0);
  });

  it('different delivery ids both run', async () => {
    const { app, runs } = countingApp();
    await request(app).post('/events').set('Idempotency-Key', 'a').send({ event: 'JokeRequest' });
    await request(app).post('/events').set('Idempotency-Key', 'b').send({ event: 'JokeRequest' });
    expect(runs()).toBe(2);
  });
});

describe('the event journal over HTTP', () => {
  it('GET /events lists accepted events newest first, with paging', async () => {
    const { app } = countingApp();
    for (let i = 0; i < 3; i += 1) await request(app).post('/events').send({ event: 'JokeRequest', n: i });
    const page = await request(app).get('/events?limit=2');
    expect(page.status).toBe(200);
    expect(page.body.events.map((e: { payload: { n: number } }) => e.payload.n)).toEqual([2, 1]);
    const next = await request(app).get(`/events?limit=2&before=${page.body.next_before}`);
    expect(next.body.events.map((e: { payload: { n: number } }) => e.payload.n)).toEqual([0]);
    expect(next.body.next_before).toBeNull();
  });

  it('records the server, ids, source, event, outcome and duration of each event', async () => {
    const { app, config } = countingApp();
    const res = await request(app).post('/events').set('Idempotency-Key', 'k1').send({ event: 'JokeRequest', api_token: 'do-not-keep' });
    const line = fs.readFileSync(path.join(config.logDir, 'events.jsonl'), 'utf8').trim();
    const stored = JSON.parse(line);
    expect(stored).toMatchObject({
      server: 'joke',
      delivery_id: 'k1',
      request_id: res.headers['x-request-id'],
      event: 'JokeRequest',
      outcome: 'ok',
      status: 200,
    });
    expect(stored.duration_ms).toEqual(expect.any(Number));
    expect(stored.payload.api_token).toBe('[REDACTED]');
    expect(line).not.toContain('do-not-keep');
  });

  it('with WEBHOOK_TOKEN set, needs the bearer token', async () => {
    const { app } = countingApp({ WEBHOOK_TOKEN: TOKEN });
    expect((await request(app).get('/events')).status).toBe(401);
    expect((await request(app).get('/events').set('Authorization', `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('with only a secret, answers loopback clients only', async () => {
    const { app } = countingApp({ WEBHOOK_SECRET: SECRET, TRUST_PROXY: 'true' });
    expect((await request(app).get('/events')).status).toBe(200);
    expect((await request(app).get('/events').set('X-Forwarded-For', '198.51.100.7')).status).toBe(403);
  });

  it('answers a GET with no credentials (a curl that forgot -X POST) with how to POST an event', async () => {
    const open = (await request(countingApp().app).get('/events')).body;
    expect(open.hint).toMatch(
      /To send one, POST it as JSON: curl -X POST http:\/\/127\.0\.0\.1:\d+\/events -H "Content-Type: application\/json" -d '\{"event": "Test"\}'/,
    );
    const { app } = countingApp({ WEBHOOK_TOKEN: TOKEN });
    const refused = await request(app).get('/events');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toMatch(
      /^Reading the event journal needs the bearer token\. GET lists the events this server received\. To send one, POST it/,
    );
    const reader = await request(app).get('/events').set('Authorization', `Bearer ${TOKEN}`);
    expect(reader.body.hint).toBeUndefined();
  });

  it('answers 404 for an unknown id and 422 for a bad limit', async () => {
    const { app } = countingApp();
    expect((await request(app).get('/events/nope')).status).toBe(404);
    expect((await request(app).get('/events?limit=100000')).status).toBe(422);
  });
});

describe('IP_ALLOWLIST and TRUST_PROXY', () => {
  it('refuses addresses outside the list with 403 FORBIDDEN', async () => {
    const { app, logger } = countingApp({ IP_ALLOWLIST: '10.0.0.0/8' });
    const res = await request(app).post('/events').send({ event: 'JokeRequest' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(logger.of('SECURITY')[0]).toContain('reason=address_not_allowed');
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is on', async () => {
    const untrusted = countingApp({ IP_ALLOWLIST: '10.0.0.0/8' });
    expect((await request(untrusted.app).post('/events').set('X-Forwarded-For', '10.1.2.3').send({ event: 'JokeRequest' })).status).toBe(
      403,
    );
    const trusted = countingApp({ IP_ALLOWLIST: '10.0.0.0/8', TRUST_PROXY: 'true' });
    expect((await request(trusted.app).post('/events').set('X-Forwarded-For', '10.1.2.3').send({ event: 'JokeRequest' })).status).toBe(200);
  });

  it('trusts one proxy hop only: an address the client prepends is not believed', async () => {
    const { app } = countingApp({ IP_ALLOWLIST: '10.0.0.0/8', TRUST_PROXY: 'true' });
    const res = await request(app).post('/events').set('X-Forwarded-For', '10.1.2.3, 203.0.113.5').send({ event: 'JokeRequest' });
    expect(res.status).toBe(403);
  });

  it('matches IPv6 ranges and IPv4-mapped addresses', async () => {
    const v6 = countingApp({ IP_ALLOWLIST: '2001:db8::/32', TRUST_PROXY: 'true' });
    expect((await request(v6.app).post('/events').set('X-Forwarded-For', '2001:db8::5').send({ event: 'JokeRequest' })).status).toBe(200);
    expect((await request(v6.app).post('/events').set('X-Forwarded-For', '2001:db9::5').send({ event: 'JokeRequest' })).status).toBe(403);
    const loopback = countingApp({ IP_ALLOWLIST: '127.0.0.0/8' });
    expect((await request(loopback.app).post('/events').send({ event: 'JokeRequest' })).status).toBe(200);
  });

  it('the rate limiter counts the forwarded address when TRUST_PROXY is on', async () => {
    const { app } = countingApp({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MIN: '1' });
    const a = await request(app).post('/events').set('X-Forwarded-For', '192.0.2.1').send({ event: 'JokeRequest' });
    const b = await request(app).post('/events').set('X-Forwarded-For', '192.0.2.2').send({ event: 'JokeRequest' });
    const c = await request(app).post('/events').set('X-Forwarded-For', '192.0.2.1').send({ event: 'JokeRequest' });
    expect([a.status, b.status, c.status]).toEqual([200, 200, 429]);
  });
});

describe('secret rotation', () => {
  it('accepts a signature made with any secret of the comma-separated list', async () => {
    const { app } = countingApp({ WEBHOOK_SECRET: `old-${SECRET},new-${SECRET}` });
    const body = JSON.stringify({ event: 'JokeRequest' });
    for (const secret of [`old-${SECRET}`, `new-${SECRET}`]) {
      const sig = 'sha256=' + crypto.createHmac('sha256', secret).update(body).digest('hex');
      const res = await request(app).post('/events').set('X-Hub-Signature-256', sig).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(200);
    }
    const retired = 'sha256=' + crypto.createHmac('sha256', `retired-${SECRET}`).update(body).digest('hex');
    expect(
      (await request(app).post('/events').set('X-Hub-Signature-256', retired).set('Content-Type', 'application/json').send(body)).status,
    ).toBe(401);
  });
});

describe('HTTPS', () => {
  it('serves HTTPS only when TLS_CERT and TLS_KEY are set (pair made by npm run certs)', async () => {
    const dir = tempDir();
    const out = execFileSync('bash', [path.join(ROOT, 'scripts/make-certs.sh'), dir], { encoding: 'utf8' });
    expect(out).toContain(`TLS_CERT=${dir}/localhost.crt`);
    const config = testConfig({ TLS_CERT: path.join(dir, 'localhost.crt'), TLS_KEY: path.join(dir, 'localhost.key') });
    const logger = captureLogger();
    const running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    try {
      expect(running.url).toMatch(/^https:\/\//);
      const ca = fs.readFileSync(path.join(dir, 'localhost.crt'));
      const status = await new Promise<number>((resolve, reject) => {
        https
          .get(`https://localhost:${running.port}/health`, { ca }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          })
          .on('error', reject);
      });
      expect(status).toBe(200);
      const plain = await fetch(`http://127.0.0.1:${running.port}/health`).then(
        () => 'answered',
        () => 'refused',
      );
      expect(plain).toBe('refused');
    } finally {
      await running.close();
    }
  });
});

describe('exposure policy', () => {
  jest.setTimeout(60_000);
  it('refuses to start on a non-loopback address without authentication, naming the variables', async () => {
    const proc = spawnTs('servers/basic/main.ts', { HOST: '0.0.0.0', PORT: '0', LOG_DIR: tempDir() });
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toMatch(/WEBHOOK_TOKEN.*WEBHOOK_SECRET/);
  });

  it('starts with a SECURITY warning when ALLOW_INSECURE=true', async () => {
    const proc = spawnTs('servers/basic/main.ts', { HOST: '0.0.0.0', PORT: '0', LOG_DIR: tempDir(), ALLOW_INSECURE: 'true' });
    await proc.waitFor(/SERVER_START/);
    expect(proc.output()).toMatch(/SECURITY warning=insecure_exposure/);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  });
});

describe('graceful stop', () => {
  jest.setTimeout(60_000);
  it('on SIGTERM: finishes, logs SERVER_STOP, keeps the journal, exits 0', async () => {
    const logDir = tempDir();
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', LOG_DIR: logDir });
    const [, url] = await proc.waitFor(/SERVER_START server=basic url=(\S+)/);
    const res = await fetch(`${url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"InterfaceDown"}',
    });
    expect(res.status).toBe(200);
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
    expect(fs.readFileSync(path.join(logDir, 'basic_webhook.log'), 'utf8')).toMatch(/SERVER_STOP server=basic/);
    expect(fs.readFileSync(path.join(logDir, 'events.jsonl'), 'utf8')).toContain('"event":"InterfaceDown"');
  });

  it('lets an in-flight request finish before closing', async () => {
    const config = testConfig();
    const logger = captureLogger();
    let release: () => void = () => undefined;
    const app = createWebhookApp({
      server: 'basic',
      config,
      logger,
      events: [],
      anyEvent: {
        handle: () =>
          new Promise((resolve) => {
            release = () => resolve({ status: 'ok', late: true });
          }),
      },
    });
    const running = await startServer(app, { config, logger, port: 0 });
    const inFlight = fetch(`${running.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"Slow"}',
    });
    await new Promise<void>((resolve) => {
      const poll = () => (logger.of('WEBHOOK_RECEIVED').length > 0 ? resolve() : setImmediate(poll));
      poll();
    });
    const closed = running.close(5000);
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ late: true });
    await closed;
    expect(logger.of('SERVER_STOP')).toHaveLength(1);
  });
});

describe('under load', () => {
  it('answers 5,000 requests over 50 connections with 2xx and journals every one', async () => {
    const config = testConfig({ RATE_LIMIT_PER_MIN: '0' });
    const logger = captureLogger();
    const running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    try {
      const result = await autocannon({
        url: `${running.url}/events`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' }),
        connections: 50,
        amount: 5000,
        timeout: 20,
      });
      expect(result.errors).toBe(0);
      expect(result['2xx']).toBe(5000);
      expect(result.non2xx).toBe(0);
    } finally {
      await running.close();
    }
    const lines = fs.readFileSync(path.join(config.logDir, 'events.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(5000);
    expect(new Set(lines.map((l) => JSON.parse(l).id)).size).toBe(5000);
  }, 60_000);
});
