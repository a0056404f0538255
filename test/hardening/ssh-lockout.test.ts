import request from 'supertest';
import { NodeSSH } from 'node-ssh';
import { buildApp } from '../../servers/network/app';
import type { WebhookApp } from '../../servers/lib/pipeline/create-webhook-app';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { ROUTER_LOGIN, startTestRouter, type TestRouter } from '../support/test-router';

/**
 * Eleven wrong SSH passwords from 127.0.0.1 locked the network server — same
 * address — out of the router for 60 s. The throttle now never locks out an account that has
 * logged in from that address before; everyone else is still locked out.
 */
describe('wrong SSH passwords from the address the network server logs in from', () => {
  let router: TestRouter;
  const apps: WebhookApp[] = [];
  beforeAll(async () => {
    // A short delay keeps the test quick; the lockout is the real one (a minute).
    router = await startTestRouter({ loginThrottle: { maxFailures: 5, baseDelayMs: 5, maxDelayMs: 20 } });
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await router.close();
  });

  /** A fresh network server (its own SSH connection) asked for a device check. */
  const deviceCheck = async (): Promise<request.Response> => {
    const config = testConfig({ DEVICE_CONNECT_TIMEOUT_MS: '3000', DEVICE_COMMAND_TIMEOUT_MS: '3000' });
    const app = buildApp({ config, logger: captureLogger('network'), devices: [router.spec] });
    apps.push(app);
    return request(app.app).post('/events').send({ event: 'NetworkDeviceCheck' });
  };
  const login = (username: string, password: string): Promise<NodeSSH> =>
    new NodeSSH().connect({ host: '127.0.0.1', port: router.spec.port, username, password, tryKeyboard: false, readyTimeout: 5000 });

  it("never lock out the automation account that logged in before; a guesser's own account stays locked out", async () => {
    expect((await deviceCheck()).status).toBe(200); // the automation account has logged in from 127.0.0.1
    // A second account, which has never logged in from here.
    router.sim.state().configure('test', (s) => {
      s.users = [...s.users, { name: 'operator', privilege: 15, secret: 'operator-pass-1', revision: 1 }];
    });

    for (let i = 1; i <= 11; i += 1) {
      const user = i % 2 === 0 ? ROUTER_LOGIN.username : 'root';
      await expect(login(user, `guess-${i}`)).rejects.toThrow();
    }

    // The address is locked out: an account that never logged in from it is refused, right password or not…
    await expect(login('operator', 'operator-pass-1')).rejects.toThrow();
    // …and the automation account's wrong passwords are still refused.
    await expect(login(ROUTER_LOGIN.username, 'guess-12')).rejects.toThrow(/authentication/i);
    // The network server still reaches the router.
    const check = await deviceCheck();
    expect(check.status).toBe(200);
    expect(check.body).not.toHaveProperty('error');
  });
});
