import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSuiteProxy, type SuiteProxy } from './suite-proxy';
import { githubSignature } from '../../common/signatures/webhook-signatures';

const credentials = { token: 'the-token', secret: 'the-secret' };

/** A server that wants the token, refuses a body that is not JSON, and counts the events it took. */
async function countingServer(): Promise<{ url: string; taken: () => number; close(): Promise<void> }> {
  let taken = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const json = (status: number, o: unknown): void =>
        void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(o));
      if (req.headers.authorization !== 'Bearer the-token') return json(401, { error: 'token' });
      try {
        JSON.parse(body);
      } catch {
        return json(400, { error: 'not JSON' });
      }
      taken += 1;
      json(200, { status: 'ok', n: taken });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    taken: () => taken,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const post = async (url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.json() };
};
const withToken = { authorization: 'Bearer the-token' };

describe('the proxy in front of a server while the curl suite runs', () => {
  let server: Awaited<ReturnType<typeof countingServer>>;
  let proxy: SuiteProxy;
  beforeEach(async () => {
    server = await countingServer();
    proxy = await startSuiteProxy(server.url, credentials);
  });
  afterEach(async () => {
    await proxy.close();
    await server.close();
  });

  it('passes requests on and notes the events sent', async () => {
    expect(await post(proxy.url, '{"event": "JokeRequest"}', withToken)).toEqual({ status: 200, body: { status: 'ok', n: 1 } });
    expect(await post(proxy.url, '{"event": "CardDraw"}', withToken)).toEqual({ status: 200, body: { status: 'ok', n: 2 } });
    expect(proxy.events).toEqual(['JokeRequest', 'CardDraw']);
  });

  it('as the 500 mutant, answers 500 to everything', async () => {
    proxy.mode = '500';
    expect((await post(proxy.url, '{"event": "JokeRequest"}', withToken)).status).toBe(500);
    expect(server.taken()).toBe(0);
  });

  it('as the malformed-JSON mutant, accepts a body that is not JSON and passes the rest', async () => {
    proxy.mode = 'malformed';
    expect(await post(proxy.url, '{"event":', withToken)).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await post(proxy.url, '{"event": "X"}', withToken)).status).toBe(200);
    expect(server.taken()).toBe(1);
  });

  it('as the no-token mutant, lets an event without proof through', async () => {
    proxy.mode = 'no-token';
    expect((await post(proxy.url, '{"event": "X"}')).status).toBe(200);
    expect((await post(proxy.url, '{"event": "X"}', { authorization: 'Bearer wrong' })).status).toBe(200);
  });

  it('in a mutant mode, answers what the real server answered to the same request, in order', async () => {
    await post(proxy.url, '{"event": "CardDraw"}', withToken);
    await post(proxy.url, '{"event": "CardDraw"}', withToken);
    proxy.mode = 'no-token';
    // Signed instead of the token: still a valid proof, so the recorded answers come back.
    const signed = { 'x-hub-signature-256': githubSignature('the-secret', '{"event": "CardDraw"}') };
    expect((await post(proxy.url, '{"event": "CardDraw"}', withToken)).body).toEqual({ status: 'ok', n: 1 });
    expect((await post(proxy.url, '{"event": "CardDraw"}', signed)).body).toEqual({ status: 'ok', n: 2 });
    expect(server.taken()).toBe(2);
  });
});
