import crypto from 'node:crypto';
import request from '../../../test/support/route-request';
import { Webhook } from 'standardwebhooks';
import { createWebhookApp } from './create-webhook-app';
import { captureLogger } from '../../../test/support/capture-logger';
import { testConfig } from '../../../test/support/test-config';
import { postRaw } from '../../../test/support/post-raw';
import labPayload from '../../../payloads/basic_event.json';

const TOKEN = 'test-token-0123456789';
const SECRET = 'test-secret-0123456789';

/** The pipeline with one catch-all handler, as the basic server uses it. */
function openApp(env: Record<string, string> = {}) {
  const logger = captureLogger('basic');
  const { app } = createWebhookApp({
    server: 'basic',
    config: testConfig(env),
    logger,
    events: [],
    anyEvent: { handle: (payload, ctx) => ({ status: 'ok', id: ctx.id, event: payload.event }) },
  });
  return { app, logger };
}

function expectErrorShape(body: unknown, code: string): void {
  expect(body).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Array) },
    request_id: expect.any(String),
  });
}

describe('the webhook pipeline (createWebhookApp)', () => {
  describe('POST /events', () => {
    describe('when the body is not valid JSON', () => {
      it('answers 400 INVALID_JSON in the shared error shape', async () => {
        const { app } = openApp();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send('{"event": "Interf');
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 'INVALID_JSON');
      });

      it('answers 400 for an empty body', async () => {
        const { app } = openApp();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send('');
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 'INVALID_JSON');
      });

      it('answers 400 for bytes that are not UTF-8', async () => {
        const { app } = openApp();
        const res = await postRaw(app, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 'INVALID_JSON');
      });
    });

    describe('when the content type is not JSON', () => {
      it.each([
        ['application/x-www-form-urlencoded', 'event=InterfaceDown'],
        ['text/plain', '{"event":"InterfaceDown"}'],
        ['application/json; charset=utf-16', '{"event":"InterfaceDown"}'],
      ])('answers 415 for %s', async (type, body) => {
        const { app } = openApp();
        const res = await request(app).post('/events').set('Content-Type', type).send(body);
        expect(res.status).toBe(415);
        expectErrorShape(res.body, 'UNSUPPORTED_MEDIA_TYPE');
      });
    });

    describe('when the body is larger than BODY_LIMIT', () => {
      it('answers 413 PAYLOAD_TOO_LARGE', async () => {
        const { app } = openApp({ BODY_LIMIT: '1kb' });
        const res = await request(app)
          .post('/events')
          .send({ event: 'Big', filler: 'x'.repeat(2000) });
        expect(res.status).toBe(413);
        expectErrorShape(res.body, 'PAYLOAD_TOO_LARGE');
      });
    });

    describe('when the payload fails the schema', () => {
      it('answers 422 VALIDATION_FAILED with one detail per failing field', async () => {
        const { app } = openApp();
        const res = await request(app)
          .post('/events')
          .send({ device: 'bad device name!', interface: 'Gi1; reload', timestamp: 'yesterday' });
        expect(res.status).toBe(422);
        expectErrorShape(res.body, 'VALIDATION_FAILED');
        const fields = (res.body.error.details as Array<{ field: string }>).map((d) => d.field).sort();
        expect(fields).toEqual(['device', 'event', 'interface', 'timestamp']);
      });

      it.each([['[1,2]'], ['null'], ['42'], ['"InterfaceDown"']])('refuses the top-level value %s', async (body) => {
        const { app } = openApp();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBe(422);
        expectErrorShape(res.body, 'VALIDATION_FAILED');
      });

      it('refuses an empty event name', async () => {
        const { app } = openApp();
        const res = await request(app).post('/events').send({ event: '' });
        expect(res.status).toBe(422);
      });
    });

    describe('when the payload carries prototype-pollution keys', () => {
      it.each([
        ['{"event":"x","__proto__":{"polluted":true}}'],
        ['{"event":"x","a":{"b":{"constructor":{"prototype":{"polluted":true}}}}}'],
        ['{"event":"x","\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true}}'],
      ])('refuses %s with 422 and pollutes nothing', async (body) => {
        const { app } = openApp();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBe(422);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });
    });

    describe('when the body is nested absurdly deep', () => {
      it('answers 422, not a crash', async () => {
        const { app } = openApp();
        const deep = `{"event":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}`;
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(deep);
        expect(res.status).toBe(422);
      });
    });

    describe('when a value contains newlines and quotes', () => {
      it('cannot split or forge a log line', async () => {
        const { app, logger } = openApp();
        await request(app).post('/events').send({ event: 'x', device: 'R1\nWEBHOOK_RECEIVED event=Forged' });
        await request(app).post('/events').send({ event: 'Evil\nSECURITY forged=1' });
        expect(logger.lines.some((l) => l.startsWith('SECURITY forged'))).toBe(false);
        expect(logger.lines.filter((l) => l.includes('Forged')).every((l) => l.startsWith('WEBHOOK_'))).toBe(true);
      });
    });
  });

  describe('routes', () => {
    it('GET /health answers ok and the server name', async () => {
      const { app } = openApp();
      const res = await request(app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', server: 'basic' });
    });

    it('an unknown route answers 404 NOT_FOUND', async () => {
      const { app } = openApp();
      const res = await request(app).get('/nope');
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 'NOT_FOUND');
    });

    it.each([['put'], ['delete'], ['patch']] as const)('%s /events answers 405 with Allow', async (method) => {
      const { app } = openApp();
      const res = await request(app)[method]('/events');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toContain('POST');
      expectErrorShape(res.body, 'METHOD_NOT_ALLOWED');
    });

    it('POST /health answers 405 with Allow: GET', async () => {
      const { app } = openApp();
      const res = await request(app).post('/health');
      expect(res.status).toBe(405);
      expect(res.headers.allow).toContain('GET');
    });

    it('sets security headers (helmet)', async () => {
      const { app } = openApp();
      const res = await request(app).get('/health');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    });
  });

  describe('authentication', () => {
    const body = JSON.stringify(labPayload);

    describe('with WEBHOOK_TOKEN set', () => {
      it('accepts the right bearer token', async () => {
        const { app } = openApp({ WEBHOOK_TOKEN: TOKEN });
        const res = await request(app)
          .post('/events')
          .set('Authorization', `Bearer ${TOKEN}`)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(200);
      });

      it.each([
        ['no token', undefined],
        ['a wrong token', 'Bearer wrong-token-000000'],
        ['a token of another length', 'Bearer x'],
        ['a garbage header', 'Basic \u00ff\u00fe=='],
      ])('answers 401 to %s and logs a SECURITY line without the credential', async (_label, header) => {
        const { app, logger } = openApp({ WEBHOOK_TOKEN: TOKEN });
        let req = request(app).post('/events').set('Content-Type', 'application/json');
        if (header) req = req.set('Authorization', header);
        const res = await req.send(body);
        expect(res.status).toBe(401);
        expectErrorShape(res.body, 'UNAUTHORIZED');
        const security = logger.of('SECURITY');
        expect(security).toHaveLength(1);
        expect(security[0]).toMatch(/reason=(missing_credentials|bad_token)/);
        expect(logger.lines.join('\n')).not.toContain(TOKEN);
        expect(logger.lines.join('\n')).not.toContain('wrong-token');
      });
    });

    describe('with WEBHOOK_SECRET set', () => {
      it('accepts a GitHub X-Hub-Signature-256 computed as GitHub does', async () => {
        const { app } = openApp({ WEBHOOK_SECRET: SECRET });
        const signature = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
        const res = await request(app)
          .post('/events')
          .set('X-Hub-Signature-256', signature)
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(200);
      });

      it('accepts a delivery signed by the Standard Webhooks reference library', async () => {
        const secret = 'whsec_' + Buffer.from(SECRET).toString('base64');
        const { app } = openApp({ WEBHOOK_SECRET: secret });
        const id = 'msg_' + crypto.randomUUID();
        const now = new Date();
        const res = await request(app)
          .post('/events')
          .set('webhook-id', id)
          .set('webhook-timestamp', String(Math.floor(now.getTime() / 1000)))
          .set('webhook-signature', new Webhook(secret).sign(id, now, body))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(200);
      });

      it('refuses a tampered body with 401', async () => {
        const { app, logger } = openApp({ WEBHOOK_SECRET: SECRET });
        const signature = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
        const res = await request(app)
          .post('/events')
          .set('X-Hub-Signature-256', signature)
          .set('Content-Type', 'application/json')
          .send(body.replace('Router1', 'Router2'));
        expect(res.status).toBe(401);
        expect(logger.of('SECURITY')[0]).toContain('reason=bad_signature');
        expect(logger.lines.join('\n')).not.toContain(SECRET);
        expect(logger.lines.join('\n')).not.toContain(signature.slice(7));
      });

      it('refuses a stale Standard Webhooks timestamp with 401, even with a valid signature', async () => {
        const secret = 'whsec_' + Buffer.from(SECRET).toString('base64');
        const { app, logger } = openApp({ WEBHOOK_SECRET: secret });
        const then = new Date(Date.now() - 10 * 60 * 1000);
        const res = await request(app)
          .post('/events')
          .set('webhook-id', 'msg_old')
          .set('webhook-timestamp', String(Math.floor(then.getTime() / 1000)))
          .set('webhook-signature', new Webhook(secret).sign('msg_old', then, body))
          .set('Content-Type', 'application/json')
          .send(body);
        expect(res.status).toBe(401);
        expect(logger.of('SECURITY')[0]).toContain('reason=stale_timestamp');
      });

      it('refuses an unsigned request with 401', async () => {
        const { app } = openApp({ WEBHOOK_SECRET: SECRET });
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(body);
        expect(res.status).toBe(401);
      });

      it('accepts either proof when a token and a secret are both set', async () => {
        const { app } = openApp({ WEBHOOK_SECRET: SECRET, WEBHOOK_TOKEN: TOKEN });
        const signature = 'sha256=' + crypto.createHmac('sha256', SECRET).update(body).digest('hex');
        const signed = await request(app)
          .post('/events')
          .set('X-Hub-Signature-256', signature)
          .set('Content-Type', 'application/json')
          .send(body);
        const tokened = await request(app)
          .post('/events')
          .set('Authorization', `Bearer ${TOKEN}`)
          .set('Content-Type', 'application/json')
          .send(body);
        expect([signed.status, tokened.status]).toEqual([200, 200]);
      });
    });

    it('does not parse the body of an unauthenticated request', async () => {
      const { app } = openApp({ WEBHOOK_TOKEN: TOKEN });
      const res = await request(app).post('/events').set('Content-Type', 'application/json').send('{not json');
      expect(res.status).toBe(401);
    });
  });

  describe('rate limiting', () => {
    it('answers 429 RATE_LIMITED with Retry-After past RATE_LIMIT_PER_MIN, and logs SECURITY', async () => {
      const { app, logger } = openApp({ RATE_LIMIT_PER_MIN: '3' });
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let i = 0; i < 4; i += 1) {
        last = await request(app).post('/events').send({ event: 'Ping' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expectErrorShape(last?.body, 'RATE_LIMITED');
      expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);
      expect(logger.of('SECURITY').some((l) => l.includes('reason=rate_limited'))).toBe(true);
    });

    it('is off with RATE_LIMIT_PER_MIN=0', async () => {
      const { app } = openApp({ RATE_LIMIT_PER_MIN: '0' });
      for (let i = 0; i < 5; i += 1) expect((await request(app).post('/events').send({ event: 'Ping' })).status).toBe(200);
    });
  });
});
