import request from '../support/route-request';
import { githubSignature } from '../../common/signatures/webhook-signatures';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { ownFolders } from './hardening-kit';

/** An unauthenticated flood does not use up an authenticated sender's budget. */

describe("an unauthenticated flood does not use up an authenticated sender's budget", () => {
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
