import request from '../support/route-request';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { catchAllApp, ownFolders } from './hardening-kit';

/** DNS rebinding: a loopback server answers only for the Host names of this machine. */

describe('DNS rebinding: the Host a loopback server answers for', () => {
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
