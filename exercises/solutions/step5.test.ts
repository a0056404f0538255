import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './step5/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, type CapturedLog, type Served } from './test-support';

const TOKEN = 'token-for-step-5-tests';
const SECRET = 'secret-for-step-5-tests';
// The file INSTRUCTIONS signs: its bytes (trailing newline included) are what a signature covers.
const FILE = fs.readFileSync(path.join(__dirname, '../../payloads/basic_event.json'));
const sign = (body: Buffer | string, secret = SECRET): string => `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;

describe('step 5 solution: a bearer token or an HMAC signature', () => {
  let server: Served;
  let captured: CapturedLog;
  beforeAll(async () => {
    captured = captureLog();
    server = await serve(buildApp({ env: exerciseEnv({ WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET }), log: captured.log }));
  });
  afterAll(() => server.close());

  it.each([
    ['no credentials', {}],
    ['a wrong token', { Authorization: 'Bearer not-the-token' }],
    ['the token without "Bearer "', { Authorization: TOKEN }],
    ['a token one character longer', { Authorization: `Bearer ${TOKEN}x` }],
    ['a signature made with another secret', { 'X-Hub-Signature-256': sign(FILE, 'another-secret') }],
    ['a signature over another body', { 'X-Hub-Signature-256': sign(FILE.toString().replace('Router1', 'Router2')) }],
    ['a signature of the wrong length', { 'X-Hub-Signature-256': 'sha256=00' }],
  ])('refuses %s with 401 UNAUTHORIZED', async (_what, headers) => {
    expectError(await postEvent(server.url, FILE, headers), 401, 'UNAUTHORIZED');
  });

  it('accepts the right token, and a signature over the exact bytes sent', async () => {
    expect((await postEvent(server.url, FILE, { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    expect((await postEvent(server.url, FILE, { 'X-Hub-Signature-256': sign(FILE) })).status).toBe(200);
  });

  it('compares both proofs with crypto.timingSafeEqual, never ===', async () => {
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      await postEvent(server.url, FILE, {
        Authorization: `Bearer ${'x'.repeat(TOKEN.length)}`,
        'X-Hub-Signature-256': sign(FILE, 'wrong'),
      });
      // Equal lengths, so both comparisons reach timingSafeEqual (and both fail).
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('checks the sender before the JSON: malformed JSON is 401 unsigned, 400 signed', async () => {
    const bad = '{"event": "InterfaceDown",';
    expectError(await postEvent(server.url, bad), 401, 'UNAUTHORIZED');
    expectError(await postEvent(server.url, bad, { 'X-Hub-Signature-256': sign(bad) }), 400, 'INVALID_JSON');
  });

  it('refuses a 150 kB body with 413', async () => {
    const big = JSON.stringify({ event: 'Big', filler: 'x'.repeat(150_000) });
    expectError(await postEvent(server.url, big, { 'X-Hub-Signature-256': sign(big) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('logs each refusal as SECURITY, and never the token, the secret or a signature', async () => {
    const signature = sign(FILE, 'another-secret');
    await postEvent(server.url, FILE, { Authorization: `Bearer ${TOKEN}-guess`, 'X-Hub-Signature-256': signature });
    expect(captured.of('SECURITY').length).toBeGreaterThan(0);
    const everything = captured.lines.join('\n');
    for (const secret of [TOKEN, SECRET, signature.slice(7), sign(FILE).slice(7)]) expect(everything).not.toContain(secret);
  });

  it('refuses every event when neither WEBHOOK_TOKEN nor WEBHOOK_SECRET is set, and says so at start', async () => {
    const log = captureLog();
    const open = await serve(buildApp({ env: exerciseEnv(), log: log.log }));
    try {
      expect(log.of('SECURITY')).toEqual([expect.stringContaining('every event will be refused')]);
      expectError(await postEvent(open.url, FILE, { Authorization: 'Bearer ' }), 401, 'UNAUTHORIZED');
    } finally {
      await open.close();
    }
  });
});
