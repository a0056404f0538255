import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import path from 'node:path';
import request from 'supertest';
import type { Express, Request, Response } from 'express';
import { createWebhookApp, type WebhookApp } from '../servers/lib/pipeline/create-webhook-app';
import { RefusalLog } from '../servers/lib/security/refusal-log';
import { fileSink } from '../common/logging/file-sink';
import { ConfigError, loadConfig, type AppConfig } from '../servers/lib/config/load-config';
import { githubSignature, signingKeys, standardWebhookSignature } from '../common/signatures/webhook-signatures';
import { startServer, type RunningServer } from '../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../servers/basic/app';
import type { DeviceSession } from '../servers/lib/device-client/device-session';
import { buildApp as buildNetworkApp } from '../servers/network/app';
import { backupConfig } from '../servers/network/device-work/backup-config';
import { captureLogger } from './support/capture-logger';
import type { EventLogger } from '../common/logging/create-logger';
import { labServers } from './support/lab-servers';
import { spawnTs } from './support/spawn-process';
import { startTestRouter, type TestRouter } from './support/test-router';
import { tempDir, testConfig } from './support/test-config';
import { labFolders, type LabFolders } from '../lab/lab-folders';
import { loopbackConfig } from '../bench/bench-config-diff';

/** The pipeline alone: one catch-all handler answering {"status":"ok"}, as the basic server has. */
function catchAllApp(config: Readonly<AppConfig>, logger: EventLogger = captureLogger()) {
  return createWebhookApp({ server: 'basic', config, logger, events: {}, anyEvent: { handle: () => ({ status: 'ok' }) } });
}

/**
 * Issue 13, "what an outside red team broke": each test repeats one attack against the servers
 * and shows that it now fails. (The router simulator's half is tested beside the simulator.)
 */

// Every folder this file writes to lives under one scratch folder, removed at the end.
const scratch = tempDir('hooklab-round2-');
let folders = 0;
/** A new folder under the scratch folder. */
function folder(): string {
  const dir = path.join(scratch, String((folders += 1)));
  fs.mkdirSync(dir);
  return dir;
}
/** LOG_DIR, BACKUP_DIR and KNOWN_HOSTS_FILE of one server, all inside the scratch folder. */
function ownFolders(): LabFolders {
  return labFolders(folder());
}
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('13. an event named after an Object.prototype member', () => {
  describe.each(labServers(ownFolders()))('on the $name server', ({ name, build }) => {
    it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
      '{"event":"%s"} is answered like any other event the server does not declare (2xx, never 500)',
      async (event) => {
        const { app, logger } = build();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(`{"event":"${event}"}`);
        expect(res.status).toBe(200);
        if (name === 'basic') expect(res.body).toMatchObject({ status: 'ok', event });
        else
          expect(res.body).toMatchObject({
            status: 'ignored',
            reason: expect.stringContaining(event),
            supported: expect.not.arrayContaining([event]),
          });
        expect(logger.of('ERROR')).toEqual([]);
      },
    );

    it('{"event":"__proto__"} gets the same answer as any other name starting with "_" (422, never 500)', async () => {
      const { app, logger } = build();
      const proto = await request(app).post('/events').set('Content-Type', 'application/json').send('{"event":"__proto__"}');
      const other = await request(app).post('/events').set('Content-Type', 'application/json').send('{"event":"__other__"}');
      expect(proto.status).toBe(422);
      expect(proto.body.error).toEqual(other.body.error);
      expect(logger.of('ERROR')).toEqual([]);
    });
  });
});

describe('10. IP_ALLOWLIST parsed strictly', () => {
  it.each([
    '10.9.9.9/',
    '10.0.0.0/8/9',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '10.0.0.0/08',
    '10.0.0.0/ 8',
    '::1/129',
    '10.0.0.0/8,,',
    ',',
    '10.0.0.0/8,',
    'localhost',
  ])('%j stops start-up with a message naming IP_ALLOWLIST (never read as "allow everyone")', (value) => {
    expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(ConfigError);
    expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(/IP_ALLOWLIST/);
  });

  it('still reads addresses and CIDRs of both families', async () => {
    const config = testConfig({ ...ownFolders(), IP_ALLOWLIST: '10.9.9.9, 10.0.0.0/8,::1/128,2001:db8::/32', TRUST_PROXY: 'true' });
    const { app } = catchAllApp(config);
    const from = async (address: string): Promise<number> =>
      (await request(app).post('/events').set('X-Forwarded-For', address).send({ event: 'Ping' })).status;
    expect([await from('10.9.9.9'), await from('10.200.1.1'), await from('2001:db8::7'), await from('::1')]).toEqual([200, 200, 200, 200]);
    expect([await from('11.0.0.1'), await from('2001:db9::1'), await from('192.0.2.1')]).toEqual([403, 403, 403]);
  });

  it('a server given "10.9.9.9/" refuses to start, says why, and exits 1', async () => {
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', ...ownFolders(), IP_ALLOWLIST: '10.9.9.9/' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/IP_ALLOWLIST: "10\.9\.9\.9\/" is not/);
    expect(proc.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});

describe('9. weak webhook secrets', () => {
  it.each([
    ['whsec_!!!!!!!!!!', /secret 1 of 1 is not base64/],
    ['whsec_AAAA', /secret 1 of 1 decodes to a key shorter than 8 bytes/],
    ['a-long-real-secret,x', /secret 2 of 2 is shorter than 8 characters/],
    [',,,,', /secret 1 of 5 is empty/],
    [',,,,,,,,,,,,', /secret 1 of 13 is empty/],
    ['a-long-real-secret,,another-long-one', /secret 2 of 3 is empty/],
  ])('WEBHOOK_SECRET=%j stops start-up, naming the variable and never the value', (value, problem) => {
    let message = '';
    try {
      loadConfig({ WEBHOOK_SECRET: value });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(new RegExp(`WEBHOOK_SECRET: ${problem.source}`));
    for (const part of value.split(',').filter((p) => p.length > 1)) expect(message).not.toContain(part);
  });

  it('a key that decodes to nothing is never used to check a signature', () => {
    expect(() => signingKeys(['whsec_!!!!!!!!!!'])).toThrow(/WEBHOOK_SECRET: secret 1 of 1/);
    expect(() => signingKeys(['a-long-real-secret', 'x'])).toThrow(/secret 2 of 2 is shorter/);
  });

  it('still accepts good secrets, whsec_ ones included', () => {
    const whsec = `whsec_${Buffer.from('a-real-32-byte-key-for-the-lab!!').toString('base64')}`;
    expect(loadConfig({ WEBHOOK_SECRET: `first-secret, ${whsec}` }).webhookSecrets).toEqual(['first-secret', whsec]);
  });

  it('a server given "a-long-real-secret,x" refuses to start with one line about WEBHOOK_SECRET', async () => {
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', ...ownFolders(), WEBHOOK_SECRET: 'a-long-real-secret,x' });
    expect(await proc.exited).toBe(1);
    const about = proc
      .output()
      .split('\n')
      .filter((l) => l.includes('WEBHOOK_SECRET'));
    expect(about).toEqual(['  WEBHOOK_SECRET: secret 2 of 2 is shorter than 8 characters']);
    expect(proc.output()).not.toContain('a-long-real-secret');
  }, 30_000);
});

describe('8. "this machine only" behind a local proxy or tunnel', () => {
  const PROXY_HEADERS: Array<[string, string]> = [
    ['X-Forwarded-For', '127.0.0.1'],
    ['Forwarded', 'for=203.0.113.9'],
    ['X-Real-IP', '203.0.113.9'],
  ];
  const appWith = (env: Record<string, string>) => catchAllApp(testConfig({ ...ownFolders(), ...env })).app;

  describe('reading the journal of a server with only WEBHOOK_SECRET', () => {
    it.each(PROXY_HEADERS)('a request carrying %s is not a local client: 403', async (header, value) => {
      const app = appWith({ WEBHOOK_SECRET: 'round2-secret-123' });
      expect((await request(app).get('/events')).status).toBe(200);
      const res = await request(app).get('/events').set(header, value);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/this machine only/) });
    });

    it('with TRUST_PROXY=true, the forwarded address decides', async () => {
      const app = appWith({ WEBHOOK_SECRET: 'round2-secret-123', TRUST_PROXY: 'true' });
      expect((await request(app).get('/events').set('X-Forwarded-For', '127.0.0.1')).status).toBe(200);
      expect((await request(app).get('/events').set('X-Forwarded-For', '203.0.113.9')).status).toBe(403);
      expect((await request(app).get('/events').set('X-Real-IP', '127.0.0.1')).status).toBe(403); // no X-Forwarded-For: unknown client
    });
  });

  describe('a server running open (no token, no secret) on loopback', () => {
    it.each(PROXY_HEADERS)('refuses a request a tunnel forwarded (%s) with 403, on every route', async (header, value) => {
      const logger = captureLogger();
      const { app } = catchAllApp(testConfig(ownFolders()), logger);
      const post = await request(app).post('/events').set(header, value).send({ event: 'InterfaceDown' });
      expect(post.status).toBe(403);
      expect(post.body.error.message).toMatch(/runs without authentication.*WEBHOOK_TOKEN or WEBHOOK_SECRET/);
      expect((await request(app).get('/events').set(header, value)).status).toBe(403);
      expect(logger.of('SECURITY')[0]).toContain('reason=proxied_request_to_open_server');
      expect((await request(app).post('/events').send({ event: 'InterfaceDown' })).status).toBe(200);
    });

    it('lets it through when TRUST_PROXY=true or ALLOW_INSECURE=true says so', async () => {
      for (const env of [{ TRUST_PROXY: 'true' }, { ALLOW_INSECURE: 'true' }] as Array<Record<string, string>>) {
        const res = await request(appWith(env)).post('/events').set('X-Forwarded-For', '203.0.113.9').send({ event: 'InterfaceDown' });
        expect(res.status).toBe(200);
      }
    });
  });
});

describe('11. DNS rebinding: the Host a loopback server answers for', () => {
  const build = (env: Record<string, string> = {}) => {
    const logger = captureLogger();
    const { app } = catchAllApp(testConfig({ ...ownFolders(), ...env }), logger);
    return { app, logger };
  };

  it.each([
    'rebind.evil.example',
    'rebind.evil.example:8000',
    'localhost.evil.example',
    '127.0.0.1.nip.io',
    'localhost.',
    '0.0.0.0:8000',
    '[::2]:8000',
    'evil.example:80@127.0.0.1',
  ])('Host: %s is answered 421 MISDIRECTED_REQUEST in the shared error shape, on every route', async (host) => {
    const { app, logger } = build();
    const post = await request(app).post('/events').set('Host', host).send({ event: 'InterfaceDown' });
    expect(post.status).toBe(421);
    expect(post.body).toMatchObject({
      error: { code: 'MISDIRECTED_REQUEST', message: expect.any(String), details: [] },
      request_id: expect.any(String),
    });
    expect((await request(app).get('/events').set('Host', host)).status).toBe(421);
    expect((await request(app).get('/health').set('Host', host)).status).toBe(421);
    expect(logger.of('SECURITY')[0]).toContain('reason=unknown_host');
  });

  it.each(['localhost', 'localhost:8000', 'LOCALHOST:8000', '127.0.0.1', '127.0.0.1:8003', '127.1.2.3:9', '[::1]', '[::1]:8000'])(
    'Host: %s (loopback, any port) is answered',
    async (host) => {
      const { app } = build();
      expect((await request(app).post('/events').set('Host', host).send({ event: 'InterfaceDown' })).status).toBe(200);
    },
  );

  it('also answers PUBLIC_HOSTNAME (a tunnel or proxy in front), and nothing else', async () => {
    const { app } = build({ PUBLIC_HOSTNAME: 'lab6.example.net', WEBHOOK_TOKEN: 'round2-token-123' });
    const send = (host: string) =>
      request(app).post('/events').set('Host', host).set('Authorization', 'Bearer round2-token-123').send({ event: 'X' });
    expect((await send('lab6.example.net')).status).toBe(200);
    expect((await send('LAB6.example.net:443')).status).toBe(200);
    expect((await send('other.example.net')).status).toBe(421);
  });

  it('a server bound to another address (reachable by any name) does not check the Host', async () => {
    const { app } = build({ HOST: '0.0.0.0', WEBHOOK_TOKEN: 'round2-token-123' });
    const res = await request(app)
      .post('/events')
      .set('Host', 'lab-vm.internal')
      .set('Authorization', 'Bearer round2-token-123')
      .send({ event: 'X' });
    expect(res.status).toBe(200);
  });
});

describe('15. redaction beyond field names, and what log lines and errors show', () => {
  const S = (n: number): string => `sekret-value-${n}-xyz`;

  it('the journal keeps no credential, however the sender named or wrote it', async () => {
    const env = ownFolders();
    const { app } = catchAllApp(testConfig(env));
    const payload = {
      event: 'DeviceOnboarded',
      pwd: S(1),
      pass: S(2),
      auth: S(3),
      cookie: S(4),
      psk: S(5),
      community: S(6),
      snmpCommunity: S(7),
      wifiPass: S(8),
      basic_auth: S(9),
      params: [
        { name: 'password', value: S(10) },
        { key: 'Authorization', value: `Bearer ${S(11)}` },
        { Name: 'snmp_community', Value: S(12) },
      ],
      note: `token=${S(13)}&next=1, and api_key: "${S(14)}"`,
      url: `https://admin:${S(15)}@10.0.0.1/api`,
      header: `Authorization: Bearer ${S(16)}`,
      cli: `curl -H "Authorization: Basic ${S(17)}" http://x`,
      author: 'kept-author',
      passenger: 'kept-passenger',
      compass: 'kept-compass',
      timestamp: '2026-01-01T10:00:00Z',
    };
    expect((await request(app).post('/events').send(payload)).status).toBe(200);
    const stored = fs.readFileSync(path.join(env.LOG_DIR!, 'events.jsonl'), 'utf8');
    for (let n = 1; n <= 17; n += 1) expect(stored).not.toContain(S(n));
    expect(stored).toContain('[REDACTED]');
    for (const kept of ['kept-author', 'kept-passenger', 'kept-compass', '2026-01-01T10:00:00Z', '10.0.0.1/api'])
      expect(stored).toContain(kept);
  });

  it('a credential written in a logged field does not reach the log line', async () => {
    const logger = captureLogger();
    const { app } = catchAllApp(testConfig(ownFolders()), logger);
    await request(app)
      .post('/events')
      .send({ event: `x token=${S(20)}`, device: `password=${S(21)}` });
    expect(logger.lines.join('\n')).not.toMatch(/sekret-value/);
  });

  it.each([
    ['U+202E', '\u202e'],
    ['U+202A', '\u202a'],
    ['U+2066', '\u2066'],
    ['U+2069', '\u2069'],
    ['U+200E', '\u200e'],
    ['U+200F', '\u200f'],
    ['U+061C', '\u061c'],
    ['U+200B', '\u200b'],
    ['U+FEFF', '\ufeff'],
  ])('a bidi or invisible control (%s) in a logged value is escaped, never written as is', async (codePoint, ch) => {
    const logger = captureLogger();
    const { app } = catchAllApp(testConfig(ownFolders()), logger);
    await request(app)
      .post('/events')
      .send({ event: `Ok${ch}detaeh`, device: `R1${ch}` });
    const received = logger.of('WEBHOOK_RECEIVED')[0]!;
    expect(received).not.toContain(ch);
    expect(received).toContain(`\\u${codePoint.slice(2).toLowerCase()}`);
  });

  it('an unknown device is refused without listing the inventory', async () => {
    const devices = ['core-rtr-01', 'edge-rtr-02', 'vpn-gw-03'].map((name, i) => ({
      name,
      host: '127.0.0.1',
      port: 9 + i,
      username: 'u',
      password: 'p',
      enableSecret: 'e',
      privilege: 15 as const,
    }));
    const { app } = buildNetworkApp({ config: testConfig(ownFolders()), logger: captureLogger(), devices });
    const res = await request(app).post('/events').send({ event: 'NetworkDeviceCheck', device: 'Guess1' });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_DEVICE');
    for (const d of devices) expect(JSON.stringify(res.body)).not.toContain(d.name);
  });

  it('a backup diff masks SNMP communities, keys, user and enable secrets (the backup file keeps them)', async () => {
    const dir = folder();
    const base = [
      'hostname R1',
      'enable secret 9 $9$OLDENABLE',
      'username ops privilege 15 secret 9 $9$OLDUSER',
      'snmp-server community OLDCOMM RO',
      'tacacs-server key 7 OLDTACKEY',
      'key chain K',
      ' key 1',
      '  key-string 7 OLDKEYSTRING',
      'interface GigabitEthernet1',
      ' ip ospf authentication-key 7 OLDOSPF',
      'crypto isakmp key OLDISAKMP address 10.0.0.2',
      'end',
      '',
    ].join('\n');
    let text = base;
    const session = { spec: { name: 'R1' }, sendCommand: async () => text } as unknown as DeviceSession;
    await backupConfig(session, dir, new Date('2026-01-01T10:00:00Z'));
    text = base.replace(/OLD/g, 'NEW');
    const second = await backupConfig(session, dir, new Date('2026-01-01T10:05:00Z'));
    expect(second.changed).toBe(true);
    expect(second.diff).toMatch(/^\+snmp-server community <removed> RO$/m);
    expect(second.diff).toMatch(/^\+tacacs-server key 7 <removed>$/m);
    expect(second.diff).not.toMatch(/OLD|NEW/);
    expect(fs.readFileSync(second.backup, 'utf8')).toContain('snmp-server community NEWCOMM RO');
  });
});

describe("6. an unauthenticated flood does not use up an authenticated sender's budget", () => {
  const TOKEN = 'round2-token-123';
  const SECRET = 'round2-secret-456';
  let running: RunningServer;
  beforeAll(async () => {
    const config = testConfig({ ...ownFolders(), WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET, RATE_LIMIT_PER_MIN: '600' });
    const logger = captureLogger();
    running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
  });
  afterAll(() => running.close());

  const body = JSON.stringify({ event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' });
  const send = (headers: Record<string, string> = {}): Promise<number> =>
    fetch(`${running.url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(
      async (r) => (await r.arrayBuffer(), r.status),
    );
  /** `count` requests, 50 at a time; the statuses in order. */
  async function flood(count: number, headers: Record<string, string> = {}): Promise<number[]> {
    const statuses: number[] = [];
    for (let sent = 0; sent < count; sent += 50)
      statuses.push(...(await Promise.all(Array.from({ length: Math.min(50, count - sent) }, () => send(headers)))));
    return statuses;
  }
  const signed = (): Record<string, string> => ({ 'X-Hub-Signature-256': githubSignature(SECRET, body) });

  it('650 unsigned POSTs from one address are refused (401, then 429 past the limit), and signed ones still pass', async () => {
    const statuses = await flood(650);
    expect(statuses.filter((s) => s === 401)).toHaveLength(600);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    expect([await send(signed()), await send({ Authorization: `Bearer ${TOKEN}` }), await send(signed())]).toEqual([200, 200, 200]);
  });

  it("so do wrongly signed ones: they count in the unauthenticated budget, not the sender's", async () => {
    const statuses = await flood(100, {
      'X-Hub-Signature-256': githubSignature('not-the-secret', body),
      Authorization: 'Bearer wrong-token-000',
    });
    expect(statuses.every((s) => s === 429)).toBe(true);
    expect(await send(signed())).toBe(200);
  });

  it('an authenticated sender has a budget of its own, and over it gets 429 with Retry-After', async () => {
    const config = testConfig({ ...ownFolders(), WEBHOOK_TOKEN: TOKEN, RATE_LIMIT_PER_MIN: '3' });
    const { app } = buildBasicApp({ config, logger: captureLogger() });
    const post = (token?: string) =>
      request(app)
        .post('/events')
        .set(token ? { Authorization: `Bearer ${token}` } : {})
        .send({ event: 'X' });
    expect([(await post()).status, (await post()).status, (await post()).status, (await post()).status]).toEqual([401, 401, 401, 429]);
    const answers = [await post(TOKEN), await post(TOKEN), await post(TOKEN), await post(TOKEN)];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3]!.headers['retry-after']).toMatch(/^\d+$/);
  });
});

describe('7. refusals cannot grow the log without bound', () => {
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

describe('14. connections: caps per server and per address, and header timeouts that fire', () => {
  /** A TCP connection from `localAddress` that sends `first` and then stays open; resolves once connected. */
  function openSlow(
    port: number,
    localAddress: string,
    first = 'POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n',
  ): Promise<{ socket: net.Socket; answer: Promise<string> }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
      socket.on('error', () => undefined);
      const answer = new Promise<string>((done) => socket.once('close', () => done(text)));
      socket.once('connect', () => {
        socket.write(first);
        resolve({ socket, answer });
      });
      socket.once('error', reject);
    });
  }

  let running: RunningServer | undefined;
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await running?.close(1000);
    running = undefined;
  });
  const start = async (env: Record<string, string>): Promise<RunningServer> => {
    const config = testConfig({ ...ownFolders(), ...env });
    const logger = captureLogger();
    running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    return running;
  };

  /** Resolves with the answers of the first `count` connections the server closed. */
  function firstClosed(slow: Array<{ answer: Promise<string> }>, count: number): Promise<string[]> {
    return new Promise((resolve) => {
      const answers: string[] = [];
      for (const s of slow) void s.answer.then((text) => (answers.push(text), answers.length === count && resolve(answers)));
    });
  }
  const connectionCount = (server: RunningServer): Promise<number> =>
    new Promise((resolve, reject) => server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  /** The server's open connections once the ones it just closed are gone (they go a moment after the client sees the close). */
  async function openConnections(server: RunningServer, expected: number): Promise<number> {
    let n = await connectionCount(server);
    for (let tries = 0; n > expected && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      n = await connectionCount(server);
    }
    return n;
  }

  it('200 slow connections from one address: 50 are held, the rest answered 503 TOO_MANY_CONNECTIONS, and a normal client is still served', async () => {
    const server = await start({
      MAX_CONNECTIONS_PER_ADDRESS: '50',
      MAX_CONNECTIONS: '500',
      HEADERS_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    const slow = await Promise.all(Array.from({ length: 200 }, () => openSlow(server.port, '127.0.0.2')));
    sockets.push(...slow.map((s) => s.socket));
    const answers = await firstClosed(slow, 150);
    expect(answers.every((a) => /^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*"code":"TOO_MANY_CONNECTIONS"/.test(a))).toBe(true);
    expect(await openConnections(server, 50)).toBe(50);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const post = await fetch(`${server.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"InterfaceDown"}',
    });
    expect(post.status).toBe(200);
  });

  it('never holds more than MAX_CONNECTIONS in all, whatever the addresses', async () => {
    const server = await start({
      MAX_CONNECTIONS_PER_ADDRESS: '0',
      MAX_CONNECTIONS: '100',
      HEADERS_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    const slow = await Promise.all(Array.from({ length: 300 }, (_, i) => openSlow(server.port, `127.0.0.${3 + (i % 5)}`)));
    sockets.push(...slow.map((s) => s.socket));
    await firstClosed(slow, 200);
    expect(await openConnections(server, 100)).toBe(100);
  });

  it('closes a slow-loris connection at HEADERS_TIMEOUT_MS with 408 in the shared shape, however it trickles', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '800' });
    const { socket, answer } = await openSlow(server.port, '127.0.0.1');
    sockets.push(socket);
    const trickle = setInterval(() => socket.write('X-Slow: a\r\n'), 50);
    const started = Date.now();
    try {
      // With Node's default 30 s check interval this would not close before the test times out.
      const text = await answer;
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*"code":"REQUEST_TIMEOUT"/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    } finally {
      clearInterval(trickle);
    }
  });

  it('cuts off a body that trickles past REQUEST_TIMEOUT_MS with 408', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' });
    const { socket, answer } = await openSlow(
      server.port,
      '127.0.0.1',
      'POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"event":"',
    );
    sockets.push(socket);
    const trickle = setInterval(() => socket.write('x'), 50);
    try {
      expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*"code":"REQUEST_TIMEOUT"/);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes a connection that never sends a byte, the same way', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '800' });
    const { socket, answer } = await openSlow(server.port, '127.0.0.1', '');
    sockets.push(socket);
    expect(await answer).toMatch(/"code":"REQUEST_TIMEOUT"/);
  });

  it('refuses REQUEST_TIMEOUT_MS shorter than HEADERS_TIMEOUT_MS', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});

describe('4. replays: timestamped signatures can be required, and an old event never drives a change', () => {
  const SECRET = 'round2-secret-456';
  const TOKEN = 'round2-token-123';
  const body = JSON.stringify({
    event: 'InterfaceDown',
    device: 'Router1',
    interface: 'GigabitEthernet1',
    timestamp: '2026-01-01T10:00:00Z',
  });
  const appWith = (env: Record<string, string>) =>
    buildBasicApp({
      config: testConfig({ ...ownFolders(), WEBHOOK_SECRET: SECRET, WEBHOOK_TOKEN: TOKEN, ...env }),
      logger: captureLogger(),
    }).app;
  const replay = (app: ReturnType<typeof appWith>, delivery: string) =>
    request(app)
      .post('/events')
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', githubSignature(SECRET, body))
      .set('X-GitHub-Delivery', delivery)
      .send(body);

  it('by default a captured GitHub-style delivery replays under a new delivery id (the attack)…', async () => {
    const app = appWith({});
    expect([(await replay(app, 'original-1')).status, (await replay(app, 'replayed-2')).status]).toEqual([200, 200]);
  });

  it('…and with REQUIRE_TIMESTAMPED_SIGNATURES=true it is refused, as is a bare bearer token', async () => {
    const app = appWith({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true' });
    const res = await replay(app, 'replayed-3');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/only Standard Webhooks signatures/) });
    expect(
      (await request(app).post('/events').set('Authorization', `Bearer ${TOKEN}`).set('Content-Type', 'application/json').send(body))
        .status,
    ).toBe(401);
  });

  it('with it, a fresh Standard Webhooks signature passes, and the same one replayed later does not', async () => {
    const app = appWith({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true' });
    const key = Buffer.from(SECRET, 'utf8');
    const sign = (ts: number) => ({
      'webhook-id': `msg_${ts}`,
      'webhook-timestamp': String(ts),
      'webhook-signature': standardWebhookSignature(key, `msg_${ts}`, ts, body),
    });
    const now = Math.floor(Date.now() / 1000);
    expect((await request(app).post('/events').set('Content-Type', 'application/json').set(sign(now)).send(body)).status).toBe(200);
    expect(
      (
        await request(app)
          .post('/events')
          .set('Content-Type', 'application/json')
          .set(sign(now - 3600))
          .send(body)
      ).status,
    ).toBe(401);
  });

  it('REQUIRE_TIMESTAMPED_SIGNATURES without WEBHOOK_SECRET stops start-up', () => {
    expect(() => loadConfig({ REQUIRE_TIMESTAMPED_SIGNATURES: 'true', WEBHOOK_TOKEN: TOKEN })).toThrow(
      /REQUIRE_TIMESTAMPED_SIGNATURES needs WEBHOOK_SECRET/,
    );
  });
});

describe('on the network server, with a simulated router', () => {
  const TOKEN = 'round2-token-123';
  let router: TestRouter;
  beforeAll(async () => {
    router = await startTestRouter();
  });
  afterAll(async () => {
    await router.close();
    fs.rmSync(router.dir, { recursive: true, force: true });
  });
  const built: WebhookApp[] = [];
  afterEach(async () => {
    for (const app of built.splice(0)) await app.close();
  });
  const network = (env: Record<string, string> = {}) => {
    const app = buildNetworkApp({
      config: testConfig({ ...ownFolders(), DEVICE_COMMAND_TIMEOUT_MS: '2000', ...env }),
      logger: captureLogger('network'),
      devices: [router.spec],
      remediate: { checkEveryMs: 10 },
    });
    built.push(app);
    return app.app;
  };
  const shut = (name: string, down: boolean) => router.control(`/interfaces/${name}/${down ? 'shutdown' : 'no-shutdown'}`, 'POST');
  const statusOf = async (name: string) =>
    (await router.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find((i) => i.name === name)
      ?.status;
  const interfaceDown = (app: Express, fields: Record<string, unknown> = {}) =>
    request(app)
      .post('/events')
      .set('Authorization', `Bearer ${TOKEN}`)
      .send({ event: 'InterfaceDown', interface: 'GigabitEthernet2', ...fields });

  describe('4. a payload timestamp far outside EVENT_MAX_AGE_S', () => {
    afterEach(() => shut('GigabitEthernet2', false));

    it.each([
      ['from 2020', '2020-01-01T00:00:00Z'],
      ['an hour in the future', new Date(Date.now() + 3_600_000).toISOString()],
    ])('is refused 422 STALE_EVENT where it would drive a change (%s), before any SSH', async (_label, timestamp) => {
      await shut('GigabitEthernet2', true);
      const app = network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
      const before = await router.sessionsOpened();
      const res = await interfaceDown(app, { timestamp });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({
        code: 'STALE_EVENT',
        message: expect.stringMatching(/EVENT_MAX_AGE_S/),
        details: [{ field: 'timestamp' }],
      });
      expect(await router.sessionsOpened()).toBe(before);
      expect(await statusOf('GigabitEthernet2')).toBe('administratively down');
    });

    it('a current one drives the repair; an old one with AUTO_REMEDIATE off is still diagnosed (nothing to change)', async () => {
      await shut('GigabitEthernet2', true);
      const diagnosed = await interfaceDown(network({ WEBHOOK_TOKEN: TOKEN }), { timestamp: '2020-01-01T00:00:00Z' });
      expect(diagnosed.status).toBe(200);
      expect(diagnosed.body).toMatchObject({ verdict: 'admin_down', remediation: { attempted: false } });
      const repaired = await interfaceDown(network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true', EVENT_MAX_AGE_S: '60' }), {
        timestamp: new Date().toISOString(),
      });
      expect(repaired.body.remediation).toMatchObject({ attempted: true, verified: true });
      expect(await statusOf('GigabitEthernet2')).toBe('up');
    });
  });

  describe('5. a newer event is never answered from an older result', () => {
    afterEach(async () => {
      router.sim.state().setLink('GigabitEthernet2', true);
      await shut('GigabitEthernet2', false);
    });

    it('a 300 ms flap, then a shutdown: the second InterfaceDown (within EVENT_COALESCE_MS) is diagnosed afresh and repaired', async () => {
      const app = network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true', EVENT_COALESCE_MS: '60000' });
      router.sim.state().setLink('GigabitEthernet2', false);
      const flap = await interfaceDown(app, { timestamp: new Date().toISOString() });
      expect(flap.body).toMatchObject({ verdict: 'link_down', remediation: { attempted: false } });
      router.sim.state().setLink('GigabitEthernet2', true);
      await shut('GigabitEthernet2', true);
      const shutdown = await interfaceDown(app, { timestamp: new Date().toISOString() });
      expect(shutdown.body).toMatchObject({ coalesced: false, verdict: 'admin_down', remediation: { attempted: true, verified: true } });
      expect(shutdown.body.job_id).not.toBe(flap.body.job_id);
      expect(await statusOf('GigabitEthernet2')).toBe('up');
    });

    it('a late copy of the flap event (same timestamp) is still answered from its result', async () => {
      const app = network({ WEBHOOK_TOKEN: TOKEN, EVENT_COALESCE_MS: '60000' });
      router.sim.state().setLink('GigabitEthernet2', false);
      const timestamp = new Date().toISOString();
      const first = await interfaceDown(app, { timestamp });
      const late = await interfaceDown(app, { timestamp });
      expect(late.body).toMatchObject({ job_id: first.body.job_id, coalesced: 'recent', verdict: 'link_down' });
    });
  });

  describe("5. through the router's own webhooks", () => {
    it('flap, then shutdown on the router: the network server repairs the interface', async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
      const own = await startTestRouter({ webhookUrl: url, webhookToken: TOKEN, webhookBaseDelayMs: 20 });
      const logger = captureLogger('network');
      const network = buildNetworkApp({
        config: testConfig({ ...ownFolders(), WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' }),
        logger,
        devices: [own.spec],
        remediate: { checkEveryMs: 20 },
      });
      server.on('request', network.app);
      try {
        own.sim.state().setLink('GigabitEthernet2', false);
        await own.sim.webhooksIdle();
        own.sim.state().setLink('GigabitEthernet2', true);
        await own.control('/interfaces/GigabitEthernet2/shutdown', 'POST');
        let status = '';
        for (let tries = 0; tries < 200 && status !== 'up'; tries += 1) {
          await own.sim.webhooksIdle();
          status =
            (await own.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find(
              (i) => i.name === 'GigabitEthernet2',
            )?.status ?? '';
        }
        expect(status).toBe('up');
        expect(logger.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'))).toBe(true);
      } finally {
        await own.close();
        fs.rmSync(own.dir, { recursive: true, force: true });
        await new Promise((resolve) => server.close(resolve));
        await network.close();
      }
    });
  });
});

describe('2. a huge configuration change never freezes the server', () => {
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
