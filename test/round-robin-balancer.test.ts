import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBalancer, type RunningBalancer } from '../lab/round-robin-balancer';

/** A stand-in copy: answers with its name, the headers and the body it received. */
async function startEcho(name: string): Promise<{ url: string; bodiesSeen: number; close(): Promise<void> }> {
  const state = { bodiesSeen: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length > 0) state.bodiesSeen += 1;
      res.setHeader('X-Copy', name);
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ copy: name, method: req.method, url: req.url, headers: req.headers, bytes: Buffer.concat(chunks).length }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get bodiesSeen() {
      return state.bodiesSeen;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function send(balancer: RunningBalancer, body = '{"event":"x"}', headers: Record<string, string> = {}) {
  const res = await fetch(`${balancer.url}/events?n=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe('the round-robin balancer of `npm start -- --scale N`', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  async function setup(forwardedFor: boolean) {
    const a = await startEcho('a');
    const b = await startEcho('b');
    const balancer = await startBalancer({
      host: '127.0.0.1',
      port: 0,
      forwardedFor,
      targets: [
        { name: 'a', url: a.url },
        { name: 'b', url: b.url },
      ],
    });
    closers.push(a.close, b.close, balancer.close);
    return { a, b, balancer };
  }

  it('hands requests to each copy in turn, passing path, headers and body both ways', async () => {
    const { balancer } = await setup(false);
    const answers = [await send(balancer, '{"n":1}', { 'Idempotency-Key': 'k-1' }), await send(balancer), await send(balancer)];
    expect(answers.map((r) => r.body.copy)).toEqual(['a', 'b', 'a']);
    expect(answers[0]!.body).toMatchObject({
      method: 'POST',
      url: '/events?n=1',
      bytes: 7,
      headers: { 'idempotency-key': 'k-1', 'content-type': 'application/json' },
    });
    expect(answers[0]!.headers.get('x-copy')).toBe('a');
    expect(answers[0]!.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect((answers[0]!.body.headers as Record<string, string>)['x-forwarded-for']).toBeUndefined();
  });

  it('streams a large body through unchanged in size', async () => {
    const { balancer } = await setup(false);
    const big = JSON.stringify({ event: 'x', pad: 'y'.repeat(2_000_000) });
    expect((await send(balancer, big)).body.bytes).toBe(Buffer.byteLength(big));
  });

  it('appends the client address to X-Forwarded-For only when asked (the copies then need TRUST_PROXY)', async () => {
    const { balancer } = await setup(true);
    const { body } = await send(balancer, '{}', { 'X-Forwarded-For': '203.0.113.9' });
    expect((body.headers as Record<string, string>)['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
  });

  it('sends everything to the other copy when one is gone, without sending a body twice', async () => {
    const { a, b, balancer } = await setup(false);
    await a.close();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(balancer)));
    expect(answers.map((r) => [r.status, r.body.copy])).toEqual(Array(6).fill([200, 'b']));
    expect(b.bodiesSeen).toBe(6);
  });

  it('answers 502 in the shared error shape, with Retry-After, when no copy answers', async () => {
    const { a, b, balancer } = await setup(false);
    await a.close();
    await b.close();
    const res = await send(balancer);
    expect(res.status).toBe(502);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toMatchObject({ error: { code: 'UPSTREAM_UNAVAILABLE', details: [] }, request_id: expect.any(String) });
  });
});
