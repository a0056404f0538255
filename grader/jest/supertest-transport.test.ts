import { GradeHttp, nodeTransport, type Answer, type Transport } from '../grade-http';
import { supertestTransport } from './supertest-transport';
import { listenOnLoopback } from '../../test/support/loopback-server';

/** A server with one route per behaviour a check meets. */
async function server(): Promise<{ url: string; close(): Promise<void> }> {
  return listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/echo')
        return void res
          .writeHead(201, { 'content-type': 'application/json' })
          .end(JSON.stringify({ body, auth: req.headers.authorization ?? null, type: req.headers['content-type'] }));
      if (req.url === '/html') return void res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>');
      if (req.url === '/redirect') return void res.writeHead(302, { location: '/echo' }).end();
      if (req.url === '/stream')
        return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).write('x'.repeat(3 * 1024 * 1024));
      // /hang: never answers
    });
  });
}

describe("the jest harness's supertest transport answers every check as node:http's does", () => {
  let target: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    target = await server();
  });
  afterAll(() => target.close());

  const both = async (send: (http: GradeHttp) => Promise<Answer>): Promise<Array<Omit<Answer, 'ms'> | string>> =>
    Promise.all(
      ([nodeTransport, supertestTransport] as Transport[]).map(async (transport) => {
        try {
          const { ms: _ms, ...rest } = await send(new GradeHttp({ token: 't0ken' }, 500, false, transport));
          return rest;
        } catch (err) {
          return (err as Error).message;
        }
      }),
    );
  const t = (): { label: string; url: string } => ({ label: 'GRADE_BASIC_URL', url: target.url });

  it.each([
    ['a JSON answer to a signed POST', '/echo'],
    ['an HTML error page', '/html'],
    ['a redirect (not followed)', '/redirect'],
  ])('%s', async (_label, path) => {
    const [viaNode, viaSupertest] = await both((h) => h.send(t(), { path, body: '{"event": "InterfaceDown",' }));
    expect(viaSupertest).toEqual(viaNode);
    expect(typeof viaNode).toBe('object');
  });

  it('a body that never ends is cut off at 2 MB', async () => {
    const [viaNode, viaSupertest] = await both((h) => h.send(t(), { path: '/stream' }));
    expect([
      typeof viaSupertest === 'object' && viaSupertest.text.length <= 2 * 1024 * 1024 + 65536,
      viaSupertest && (viaSupertest as Answer).status,
    ]).toEqual([true, 200]);
    expect((viaNode as Answer).status).toBe(200);
  });

  it('no answer in time, and a refused connection, are the same reasons', async () => {
    expect(await both((h) => h.send(t(), { path: '/hang' }))).toEqual([
      `GRADE_BASIC_URL ${target.url}: GET /hang: no answer within 0.5 s`,
      `GRADE_BASIC_URL ${target.url}: GET /hang: no answer within 0.5 s`,
    ]);
    const gone = { label: 'GRADE_JOKE_URL', url: 'http://127.0.0.1:9' };
    expect(await both((h) => h.send(gone, { path: '/events', body: {} }))).toEqual([
      'GRADE_JOKE_URL http://127.0.0.1:9: POST /events: connection refused',
      'GRADE_JOKE_URL http://127.0.0.1:9: POST /events: connection refused',
    ]);
  });
});
