import request from '../support/route-request';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { catchAllApp, ownFolders } from './hardening-kit';

/** "This machine only" behind a local proxy or tunnel: a forwarded request is not a local one. */

describe('"this machine only" behind a local proxy or tunnel', () => {
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
