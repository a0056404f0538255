import net from 'node:net';
import { loadConfig } from '../../servers/lib/config/load-config';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { ownFolders } from './hardening-kit';

/** Connection caps per server and per address, and header/body timeouts that fire (slow loris). */

describe('connections: caps per server and per address, and header timeouts that fire', () => {
  /** A TCP connection from `localAddress` that sends `first` and then stays open; resolves once connected. */
  function openSlow(
    port: number,
    localAddress: string,
    first = 'POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\n',
  ): Promise<{ socket: net.Socket; answer: Promise<string> }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host: '127.0.0.1', localAddress });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString('utf8')));
      socket.on('error', () => undefined);
      const answer = new Promise<string>((done) => socket.once('close', () => done(text)));
      socket.once('connect', () => {
        socket.write(first);
        resolve({ socket, answer });
      });
      socket.once('error', reject);
    });
  }

  let running: RunningServer | undefined;
  const sockets: net.Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await running?.close(1000);
    running = undefined;
  });
  const start = async (env: Record<string, string>): Promise<RunningServer> => {
    const config = testConfig({ ...ownFolders(), ...env });
    const logger = captureLogger();
    running = await startServer(buildBasicApp({ config, logger }), { config, logger, port: 0 });
    return running;
  };

  /** Resolves with the answers of the first `count` connections the server closed. */
  function firstClosed(slow: Array<{ answer: Promise<string> }>, count: number): Promise<string[]> {
    return new Promise((resolve) => {
      const answers: string[] = [];
      for (const s of slow) void s.answer.then((text) => (answers.push(text), answers.length === count && resolve(answers)));
    });
  }
  const connectionCount = (server: RunningServer): Promise<number> =>
    new Promise((resolve, reject) => server.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  /** The server's open connections once the ones it just closed are gone (they go a moment after the client sees the close). */
  async function openConnections(server: RunningServer, expected: number): Promise<number> {
    let n = await connectionCount(server);
    for (let tries = 0; n > expected && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      n = await connectionCount(server);
    }
    return n;
  }

  it('200 slow connections from one address: 50 are held, the rest answered 503 TOO_MANY_CONNECTIONS, and a normal client is still served', async () => {
    const server = await start({
      MAX_CONNECTIONS_PER_ADDRESS: '50',
      MAX_CONNECTIONS: '500',
      HEADERS_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    const slow = await Promise.all(Array.from({ length: 200 }, () => openSlow(server.port, '127.0.0.2')));
    sockets.push(...slow.map((s) => s.socket));
    const answers = await firstClosed(slow, 150);
    expect(answers.every((a) => /^HTTP\/1\.1 503 Service Unavailable\r\n[\s\S]*"code":"TOO_MANY_CONNECTIONS"/.test(a))).toBe(true);
    expect(await openConnections(server, 50)).toBe(50);

    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    const post = await fetch(`${server.url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"InterfaceDown"}',
    });
    expect(post.status).toBe(200);
  });

  it('never holds more than MAX_CONNECTIONS in all, whatever the addresses', async () => {
    const server = await start({
      MAX_CONNECTIONS_PER_ADDRESS: '0',
      MAX_CONNECTIONS: '100',
      HEADERS_TIMEOUT_MS: '60000',
      REQUEST_TIMEOUT_MS: '60000',
    });
    const slow = await Promise.all(Array.from({ length: 300 }, (_, i) => openSlow(server.port, `127.0.0.${3 + (i % 5)}`)));
    sockets.push(...slow.map((s) => s.socket));
    await firstClosed(slow, 200);
    expect(await openConnections(server, 100)).toBe(100);
  });

  it('closes a slow-loris connection at HEADERS_TIMEOUT_MS with 408 in the shared shape, however it trickles', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '800' });
    const { socket, answer } = await openSlow(server.port, '127.0.0.1');
    sockets.push(socket);
    const trickle = setInterval(() => socket.write('X-Slow: a\r\n'), 50);
    const started = Date.now();
    try {
      // With Node's default 30 s check interval this would not close before the test times out.
      const text = await answer;
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*"code":"REQUEST_TIMEOUT"/);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    } finally {
      clearInterval(trickle);
    }
  });

  it('cuts off a body that trickles past REQUEST_TIMEOUT_MS with 408', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '600' });
    const { socket, answer } = await openSlow(
      server.port,
      '127.0.0.1',
      'POST /events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"event":"',
    );
    sockets.push(socket);
    const trickle = setInterval(() => socket.write('x'), 50);
    try {
      expect(await answer).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n[\s\S]*"code":"REQUEST_TIMEOUT"/);
    } finally {
      clearInterval(trickle);
    }
  });

  it('closes a connection that never sends a byte, the same way', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '400', REQUEST_TIMEOUT_MS: '800' });
    const { socket, answer } = await openSlow(server.port, '127.0.0.1', '');
    sockets.push(socket);
    expect(await answer).toMatch(/"code":"REQUEST_TIMEOUT"/);
  });

  it('refuses REQUEST_TIMEOUT_MS shorter than HEADERS_TIMEOUT_MS', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toThrow(/REQUEST_TIMEOUT_MS/);
  });
});
