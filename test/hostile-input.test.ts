import net from 'node:net';
import fc from 'fast-check';
import request from './support/route-request';
import type { Express } from 'express';
import { buildApp as buildBasicApp } from '../servers/basic/app';
import { startServer } from '../servers/lib/server/start-server';
import { captureLogger, type CapturedLogger } from './support/capture-logger';
import { testConfig } from './support/test-config';
import { postRaw } from './support/post-raw';
import { labServers } from './support/lab-servers';

/**
 * Hostile input at every server: whatever arrives, the answer is a documented status in the
 * shared error shape, never a 5xx, never a hang, and every log line stays one line.
 */

const EVENT_TYPES =
  /^(SERVER_START|SERVER_STOP|WEBHOOK_RECEIVED|WEBHOOK_REJECTED|WEBHOOK_PROCESSED|SECURITY|API_CALL|API_ERROR|DEVICE_CONNECT|DEVICE_COMMAND|DEVICE_ERROR|ERROR) /;

function expectCleanLogs(logger: CapturedLogger): void {
  for (const line of logger.lines) {
    expect(line).toMatch(EVENT_TYPES);
    expect(line).not.toMatch(/[\r\n\u2028\u2029\u0085]/);
  }
  expect(logger.of('ERROR')).toEqual([]);
}

function expectDocumentedAnswer(status: number, body: unknown): void {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect(body).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String), details: expect.any(Array) },
      request_id: expect.any(String),
    });
  }
}

describe.each(labServers())('$name server under hostile input', ({ build }) => {
  let app: Express;
  let logger: CapturedLogger;
  beforeAll(() => {
    ({ app, logger } = build());
  });
  afterAll(() => expectCleanLogs(logger));

  it('answers random bytes with a documented 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const res = await postRaw(app, Buffer.from(bytes));
        expectDocumentedAnswer(res.status, res.body);
      }),
      { numRuns: 60 },
    );
  });

  it('answers any JSON value with 2xx or a documented 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(JSON.stringify(value)).timeout(10_000);
        expectDocumentedAnswer(res.status, res.body);
      }),
      { numRuns: 80 },
    );
  });

  it('keeps control characters in any field on one log line', async () => {
    const nasty = fc.string({ unit: 'binary', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(nasty, nasty, nasty, nasty, async (event, device, iface, extra) => {
        const res = await request(app).post('/events').send({ event, device, interface: iface, extra }).timeout(10_000);
        expectDocumentedAnswer(res.status, res.body);
      }),
      { numRuns: 60 },
    );
  });

  it.each([
    ['a 100k-deep nesting', '{"event":"x","a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}'],
    ['a huge string', JSON.stringify({ event: 'x', filler: 'y'.repeat(90_000) })],
    ['numbers like 1e308 and beyond', '{"event":"x","n":1e308,"m":-1e309,"count":1e308}'],
    ['a BOM before the JSON', '\ufeff{"event":"x"}'],
    ['a top-level array', '[{"event":"x"}]'],
    ['null', 'null'],
    ['a number', '12345'],
    ['__proto__ at depth', '{"event":"x","a":[{"b":{"__proto__":{"admin":true}}}]}'],
    ['constructor.prototype', '{"event":"x","constructor":{"prototype":{"admin":true}}}'],
    ['an empty object', '{}'],
    ['an empty body', ''],
    ['whitespace only', '   \n  '],
    ['a lone surrogate escape', '{"event":"\\ud800"}'],
  ])('answers %s with a documented status', async (_label, body) => {
    const res = await postRaw(app, body);
    expectDocumentedAnswer(res.status, res.body);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0xc3, 0x28, 0x7d]), 'application/json', 400],
    ['UTF-16 bytes', Buffer.from('{"event":"x"}', 'utf16le'), 'application/json', 400],
    ['a latin1 charset', Buffer.from('{"event":"x"}'), 'application/json; charset=iso-8859-1', 415],
    ['a form body', Buffer.from('event=InterfaceDown&device=Router1'), 'application/x-www-form-urlencoded', 415],
    ['multipart', Buffer.from('--x\r\n\r\n--x--'), 'multipart/form-data; boundary=x', 415],
    ['no content type', Buffer.from('{"event":"x"}'), '', 415],
  ])('answers %s with %p', async (_label, body, type, status) => {
    const res = await postRaw(app, body, type ? { 'content-type': type } : {});
    expect(res.status).toBe(status);
    expectDocumentedAnswer(res.status, res.body);
  });

  it('does not grow memory without bound under large bodies', async () => {
    const body = JSON.stringify({ event: 'x', filler: 'z'.repeat(95_000) });
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 150; i += 1) await request(app).post('/events').set('Content-Type', 'application/json').send(body);
    global.gc?.();
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });
});

describe('malformed HTTP at the socket', () => {
  async function rawExchange(port: number, data: string): Promise<string> {
    return new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let out = '';
      socket.on('data', (c) => (out += c.toString()));
      socket.on('close', () => resolve(out));
      socket.on('error', () => resolve(out));
      socket.write(data);
      socket.setTimeout(5000, () => socket.destroy());
    });
  }

  it('answers oversized headers with 431 in the shared shape, and keeps serving', async () => {
    const config = testConfig();
    const logger = captureLogger();
    const running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    try {
      const answer = await rawExchange(running.port, `POST /events HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 431/);
      expect(answer).toContain('"code":"HEADERS_TOO_LARGE"');
      const garbage = await rawExchange(running.port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400/);
      expect(garbage).toContain('"code":"BAD_REQUEST"');
      expect((await fetch(`${running.url}/health`)).status).toBe(200);
    } finally {
      await running.close();
    }
  });
});
