import http from 'node:http';
import request from '../../../test/support/route-request';
import type { Express } from 'express';
import { buildApp } from '../../basic/app';
import type { WebhookApp } from '../pipeline/create-webhook-app';
import { startServer } from '../server/start-server';
import { githubSignature, standardWebhookKey, standardWebhookSignature } from '../../../common/signatures/webhook-signatures';
import type { AppConfig } from '../config/load-config';
import { captureLogger } from '../../../test/support/capture-logger';
import { testConfig } from '../../../test/support/test-config';
import { readEventStream, type FeedMessage } from '../../../test/support/read-event-stream';
import { traceView, type TraceView } from './trace-view';
import { pipelineSettings, type StageView } from './trace-stages';

const TOKEN = 'inspect-token-123';
const SECRET = 'inspect-secret-123';

/** Basic servers built for one test each, closed (journal included) after it. */
const built: Express[] = [];
const builtApps = new Map<Express, WebhookApp>();
/** The built server behind an Express app of this file (its feed, its close()). */
const webhookAppInfo = (app: Express): WebhookApp => builtApps.get(app)!;
function basic(
  env: Record<string, string> = {},
  config: Readonly<AppConfig> = testConfig(env),
): { app: Express; config: Readonly<AppConfig> } {
  const web = buildApp({ config, logger: captureLogger('basic') });
  builtApps.set(web.app, web);
  built.push(web.app);
  return { app: web.app, config };
}
afterEach(async () => {
  for (const app of built.splice(0)) await webhookAppInfo(app).close();
});

/** The newest request the server traced, as the page would get it. */
function lastTrace(app: Express, config: Readonly<AppConfig>): TraceView {
  const trace = webhookAppInfo(app).inspectFeed.recent().at(-1);
  if (!trace) throw new Error('nothing traced');
  return traceView(trace, pipelineSettings(config));
}
const stage = (view: TraceView, name: string): StageView | undefined => view.stages.find((s) => s.name === name);
const traces = (messages: FeedMessage[]): Array<Record<string, unknown>> => messages.filter((m) => m.event === 'trace').map((m) => m.data);

describe('GET /inspect', () => {
  it('serves the page under a strict Content-Security-Policy: same-origin scripts only, no inline code, Trusted Types', async () => {
    const { app } = basic();
    const res = await request(app).get('/inspect');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("require-trusted-types-for 'script'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:|\*/);
    // Every script is a file of this origin; no inline <script> body, no inline handlers or styles.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\son[a-z]+=|style=/);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  it('serves its scripts as JavaScript modules from this origin', async () => {
    const { app } = basic();
    const res = await request(app).get('/inspect/assets/inspect.js');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/javascript');
    expect(res.text).toMatch(/^import .* from '\.\/[a-z-]+\.js';$/m);
  });

  it('serves the one library its scripts import (eventsource-parser, the same the relay uses) from this origin too', async () => {
    const { app } = basic();
    const page = await request(app).get('/inspect/assets/follow-event-stream.js');
    expect(page.text).toContain("from './vendor/eventsource-parser.js'");
    const library = await request(app).get('/inspect/assets/vendor/eventsource-parser.js');
    expect(library.status).toBe(200);
    expect(library.type).toBe('text/javascript');
    expect(library.text).toMatch(/export\s*{[^}]*createParser/);
    expect(library.text).not.toMatch(/^import /m); // one file: nothing more to fetch
  });

  it('does not trace its own requests (watching would fill the feed)', async () => {
    const { app } = basic();
    await request(app).get('/inspect');
    await request(app).get('/inspect/assets/inspect.css');
    await request(app).get('/health');
    expect(
      webhookAppInfo(app)
        .inspectFeed.recent()
        .map((t) => t.done?.url),
    ).toEqual(['/health']);
  });
});

describe('GET /inspect/feed and /inspect/payloads follow the journal read rule', () => {
  const feed = (app: Express): request.Test => request(app).get('/inspect/feed');
  const ready = (m: FeedMessage): boolean => m.event === 'ready';

  it.each<[string, number, string | undefined]>([
    ['no token', 401, undefined],
    ['a wrong token', 401, 'Bearer not-the-token'],
    ['the token', 200, `Bearer ${TOKEN}`],
  ])('with WEBHOOK_TOKEN set, a reader with %s gets %i', async (_label, status, authorization) => {
    const { app } = basic({ WEBHOOK_TOKEN: TOKEN });
    const test = feed(app);
    if (authorization) test.set('Authorization', authorization);
    const res = await readEventStream(test, ready);
    expect(res.status).toBe(status);
    const payloads = request(app).get('/inspect/payloads');
    if (authorization) payloads.set('Authorization', authorization);
    expect((await payloads).status).toBe(status);
  });

  it('with only WEBHOOK_SECRET (a GET cannot be signed), answers loopback clients only', async () => {
    const { app } = basic({ WEBHOOK_SECRET: SECRET, TRUST_PROXY: 'true' });
    const remote = await feed(app).set('X-Forwarded-For', '203.0.113.9');
    expect(remote.status).toBe(403);
    expect(remote.body.error.code).toBe('FORBIDDEN');
    expect((await readEventStream(feed(app), ready)).status).toBe(200);
  });

  it('with no authentication, answers whoever may reach the server, as a text/event-stream', async () => {
    const { app } = basic();
    const res = await readEventStream(feed(app), ready);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.messages[0]).toMatchObject({ event: 'hello', data: { server: 'basic', auth: { token: false, secret: false } } });
  });

  it('lists the sample events of payloads/ for "edit and send"', async () => {
    const { app } = basic();
    const res = await request(app).get('/inspect/payloads');
    const names = (res.body.payloads as Array<{ name: string; body: string }>).map((p) => p.name);
    expect(names).toContain('basic_event.json');
    expect(JSON.parse(res.body.payloads.find((p: { name: string }) => p.name === 'basic_event.json').body)).toMatchObject({
      event: 'InterfaceDown',
    });
  });
});

describe('GET /inspect/feed', () => {
  it('sends what happened before the page opened, then each new request as it is answered', async () => {
    const { app } = basic();
    await request(app).post('/events').send({ event: 'Before' });
    let sent = false;
    const res = await readEventStream(request(app).get('/inspect/feed'), (m, all) => {
      if (m.event === 'ready' && !sent) {
        sent = true;
        void request(app)
          .post('/events')
          .send({ event: 'After' })
          .then(() => undefined);
      }
      return traces(all).some((t) => t.event === 'After');
    });
    expect(res.messages.map((m) => m.event)).toEqual(['hello', 'trace', 'ready', 'trace']);
    const [before, after] = traces(res.messages);
    expect(before).toMatchObject({ event: 'Before', status: 200, outcome: 'ok', method: 'POST', path: '/events', seq: 1 });
    expect(after).toMatchObject({ event: 'After', status: 200, seq: 2 });
    expect((after!.stages as StageView[]).map((s) => [s.name, s.outcome])).toEqual([
      ['allow-list', 'off'],
      ['rate limit', 'off'],
      ['content type', 'passed'],
      ['body', 'passed'],
      ['authentication', 'off'],
      ['JSON', 'passed'],
      ['schema', 'passed'],
      ['duplicate', 'passed'],
      ['handler', 'passed'],
      ['journal', 'passed'],
    ]);
  });

  it('resumes after the Last-Event-ID a reconnecting page sends, without repeating', async () => {
    const { app } = basic();
    for (const event of ['One', 'Two', 'Three']) await request(app).post('/events').send({ event });
    const first = await readEventStream(request(app).get('/inspect/feed'), (m) => m.event === 'ready');
    const idOfTwo = first.messages.find((m) => m.event === 'trace' && m.data.event === 'Two')!.id!;
    const again = await readEventStream(request(app).get('/inspect/feed').set('Last-Event-ID', idOfTwo), (m) => m.event === 'ready');
    expect(traces(again.messages).map((t) => t.event)).toEqual(['Three']);
  });

  it('after a restart, shows the journaled events the new process holds no trace of', async () => {
    const config = testConfig();
    const before = basic({}, config).app;
    await request(before).post('/events').send({ event: 'BeforeRestart', password: 'hunter2' });
    await webhookAppInfo(before).close();
    built.splice(built.indexOf(before), 1);
    const { app } = basic({}, config);
    const res = await readEventStream(request(app).get('/inspect/feed'), (m) => m.event === 'ready');
    const journaled = res.messages.filter((m) => m.event === 'journal').map((m) => m.data);
    expect(journaled).toEqual([expect.objectContaining({ kind: 'journal', event: 'BeforeRestart', outcome: 'ok', status: 200 })]);
    expect(journaled[0]!.payload).toContain('[REDACTED]');
    expect(journaled[0]!.payload).not.toContain('hunter2');
  });

  it('ends its open streams as soon as the server starts stopping', async () => {
    const config = testConfig();
    const { app } = basic({}, config);
    const running = await startServer(webhookAppInfo(app), { config, logger: captureLogger(), port: 0 });
    const ended = new Promise<string>((resolve) => {
      http.get(`${running.url}/inspect/feed`, (res) => {
        res.resume();
        res.on('end', () => resolve('ended'));
      });
    });
    // Wait until the stream is open (the server counts one watcher), then stop with a long grace.
    while (webhookAppInfo(app).inspectFeed.watching === 0) await new Promise((r) => setImmediate(r));
    const closing = running.close(60_000);
    expect(await ended).toBe('ended');
    await closing;
    built.splice(built.indexOf(app), 1); // closed by running.close()
  });
});

describe('a trace', () => {
  it('masks credentials in the headers and secret-looking fields in the body', async () => {
    const { app, config } = basic({ WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET });
    const body = JSON.stringify({ event: 'Login', password: 'hunter2', nested: { api_key: 'k-123' } });
    await request(app)
      .post('/events')
      .set('Authorization', `Bearer ${TOKEN}`)
      .set('X-Hub-Signature-256', githubSignature(SECRET, body))
      .set('Cookie', 'session=abc')
      .set('Content-Type', 'application/json')
      .send(body);
    const view = lastTrace(app, config);
    const headers = Object.fromEntries(view.headers);
    expect(headers.authorization).toBe('Bearer •••••• (masked)');
    expect(headers['x-hub-signature-256']).toBe('•••••• (masked)');
    expect(headers.cookie).toBe('•••••• (masked)');
    expect(JSON.stringify(view)).not.toMatch(
      new RegExp(`${TOKEN}|hunter2|k-123|session=abc|${githubSignature(SECRET, body).slice(7, 30)}`),
    );
    expect(JSON.parse(view.body!.pretty!)).toEqual({ event: 'Login', password: '[REDACTED]', nested: { api_key: '[REDACTED]' } });
    expect(stage(view, 'authentication')).toMatchObject({ outcome: 'passed', detail: expect.stringContaining('X-Hub-Signature-256') });
  });

  it('points at the character where a body stops being JSON, and masks secrets in the text without moving it', async () => {
    const { app, config } = basic();
    const text = '{"token": "abcdef", "event": nope}';
    await request(app).post('/events').set('Content-Type', 'application/json').send(text);
    const view = lastTrace(app, config);
    expect(view.body!.text).toBe('{"token": "••••••", "event": nope}');
    expect(view.body!.error).toMatchObject({ position: text.indexOf('nope') + 1, line: 1, column: text.indexOf('nope') + 2 });
    expect(stage(view, 'JSON')).toMatchObject({
      outcome: 'failed',
      detail: `Not valid JSON at position ${text.indexOf('nope') + 1} (line 1, column ${text.indexOf('nope') + 2}): unexpected "o".`,
    });
    expect(JSON.stringify(view.stages)).not.toContain('abcdef');
  });

  const now = (): number => Math.floor(Date.now() / 1000);
  const staleHeaders = (): Record<string, string> => {
    const timestamp = String(now() - 412);
    return {
      'webhook-id': 'msg_1',
      'webhook-timestamp': timestamp,
      'webhook-signature': standardWebhookSignature(standardWebhookKey(SECRET), 'msg_1', timestamp, '{"event":"A"}'),
    };
  };
  // Each refusal is shown at the check that made it, with the reason; later stages are not reached.
  it.each<[string, string, Record<string, string>, (app: Express) => Promise<unknown>, RegExp]>([
    [
      'an address outside IP_ALLOWLIST',
      'allow-list',
      { IP_ALLOWLIST: '10.0.0.0/8' },
      (app) => request(app).post('/events').send({ event: 'A' }),
      /^(::ffff:)?127\.0\.0\.1 is not in IP_ALLOWLIST \(10\.0\.0\.0\/8\)\.$/,
    ],
    [
      'a sender over the rate limit',
      'rate limit',
      { RATE_LIMIT_PER_MIN: '1' },
      async (app) => {
        await request(app).post('/events').send({ event: 'A' });
        return request(app).post('/events').send({ event: 'A' });
      },
      /RATE_LIMITED: More than 1 requests a minute/,
    ],
    [
      'a body that is not JSON',
      'content type',
      {},
      (app) => request(app).post('/events').set('Content-Type', 'text/plain').send('hi'),
      /UNSUPPORTED_MEDIA_TYPE/,
    ],
    [
      'a body over BODY_LIMIT',
      'body',
      { BODY_LIMIT: '10b' },
      (app) => request(app).post('/events').send({ event: 'far too long for ten bytes' }),
      /PAYLOAD_TOO_LARGE: The body is larger than 10 bytes/,
    ],
    [
      'no credentials',
      'authentication',
      { WEBHOOK_TOKEN: TOKEN },
      (app) => request(app).post('/events').send({ event: 'A' }),
      /^Send a bearer token or a signature\.$/,
    ],
    [
      'a signature that does not match the body',
      'authentication',
      { WEBHOOK_SECRET: SECRET },
      (app) => request(app).post('/events').set('X-Hub-Signature-256', githubSignature(SECRET, 'another body')).send({ event: 'A' }),
      /^The signature does not match the body\. \(The request carried X-Hub-Signature-256\.\)$/,
    ],
    [
      'a Standard Webhooks timestamp 412 s old',
      'authentication',
      { WEBHOOK_SECRET: SECRET },
      (app) => request(app).post('/events').set(staleHeaders()).set('Content-Type', 'application/json').send('{"event":"A"}'),
      /^The webhook-timestamp is 41[234] s old: more than 300 s off/,
    ],
    [
      'malformed JSON',
      'JSON',
      {},
      (app) => request(app).post('/events').set('Content-Type', 'application/json').send('{"event": "A",'),
      /^Not valid JSON at position 14 \(line 1, column 15\): the text ends before the JSON is complete\.$/,
    ],
    ['an event without a name', 'schema', {}, (app) => request(app).post('/events').send({ device: 'Router1' }), /^VALIDATION_FAILED/],
  ])('refused for %s: the %s stage failed', async (_label, failing, env, send, detail) => {
    const { app, config } = basic(env);
    await send(app);
    const view = lastTrace(app, config);
    const at = view.stages.findIndex((s) => s.name === failing);
    expect(view.stages[at]).toMatchObject({ outcome: 'failed', detail: expect.stringMatching(detail) });
    expect(view.stages.slice(0, at).every((s) => s.outcome === 'passed' || s.outcome === 'off')).toBe(true);
    expect(view.stages.slice(at + 1).map((s) => s.outcome)).toEqual(view.stages.slice(at + 1).map(() => 'not reached'));
    expect(view.headers.length).toBeGreaterThan(0);
  });

  it('names the failing fields of a schema refusal', async () => {
    const { app, config } = basic();
    await request(app).post('/events').send({ device: 'Router1' });
    expect(stage(lastTrace(app, config), 'schema')!.details).toEqual([
      expect.objectContaining({ field: 'event', message: '"event" is required' }),
    ]);
  });

  it('shows a redelivery as a duplicate of the first delivery, not handled again', async () => {
    const { app, config } = basic();
    const first = await request(app).post('/events').set('Idempotency-Key', 'delivery-7').send({ event: 'A' });
    await request(app).post('/events').set('Idempotency-Key', 'delivery-7').send({ event: 'A' });
    const view = lastTrace(app, config);
    expect(view.outcome).toBe('duplicate');
    expect(stage(view, 'duplicate')).toMatchObject({
      outcome: 'duplicate',
      detail: `Delivery delivery-7 was received before, as event ${first.body.id}: acknowledged, and not acted on again.`,
    });
    expect(stage(view, 'handler')!.outcome).toBe('not reached');
  });

  it('keeps an unknown route as one refused request', async () => {
    const { app, config } = basic();
    await request(app).get('/nothing-here');
    const view = lastTrace(app, config);
    expect(view.stages.map((s) => s.name)).toEqual(['allow-list', 'rate limit', 'route']);
    expect(stage(view, 'route')).toMatchObject({ outcome: 'failed', detail: 'NOT_FOUND: No route for GET /nothing-here.' });
    expect(view.status).toBe(404);
  });
});
