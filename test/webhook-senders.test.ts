import request from './support/route-request';
import { sign, verify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import { buildApp } from '../servers/basic/app';
import { githubSignature, standardWebhookKey, standardWebhookSignature } from '../common/signatures/webhook-signatures';
import { captureLogger } from './support/capture-logger';
import { testConfig } from './support/test-config';

/**
 * Interoperability with the signing libraries real webhook senders use: GitHub's own
 * (@octokit/webhooks-methods) and the Standard Webhooks reference library — both directions:
 * what they sign, our servers accept; what the router simulator signs, they verify.
 */
const SECRET = 'interop-secret-0123';
const body = JSON.stringify({ event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' });

function signedApp() {
  return buildApp({ config: testConfig({ WEBHOOK_SECRET: SECRET }), logger: captureLogger('basic') }).app;
}

describe("GitHub's signing library (@octokit/webhooks-methods)", () => {
  it('signs a delivery the servers accept', async () => {
    const signature = await sign(SECRET, body);
    const res = await request(signedApp())
      .post('/events')
      .set('X-Hub-Signature-256', signature)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(200);
  });

  it('signs with another secret: refused 401', async () => {
    const signature = await sign('some-other-secret', body);
    const res = await request(signedApp())
      .post('/events')
      .set('X-Hub-Signature-256', signature)
      .set('Content-Type', 'application/json')
      .send(body);
    expect(res.status).toBe(401);
  });

  it('verifies the signature the router simulator sends with its webhooks', async () => {
    expect(await verify(SECRET, body, githubSignature(SECRET, body))).toBe(true);
    expect(await verify(SECRET, body.replace('Router1', 'Router2'), githubSignature(SECRET, body))).toBe(false);
  });
});

describe('the Standard Webhooks reference library', () => {
  const secret = `whsec_${Buffer.from(SECRET).toString('base64')}`;

  it('verifies a signature made the way the servers check it', () => {
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = standardWebhookSignature(standardWebhookKey(secret), 'msg_interop', timestamp, body);
    const headers = { 'webhook-id': 'msg_interop', 'webhook-timestamp': timestamp, 'webhook-signature': signature };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });
});
