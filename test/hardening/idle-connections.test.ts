import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { NodeSSH } from 'node-ssh';
import { startDashboard, type RunningDashboard } from '../../lab/dashboard/start-dashboard';
import { startBalancer, type RunningBalancer } from '../../lab/round-robin-balancer';
import { LISTENER_LIMITS } from '../../common/net/limit-connections';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { startTestSimulator, type SimFixture } from '../support/sim-fixture';

/**
 * The launcher's dashboard, step 8's balancer, the router's control port and its
 * SSH listener had no connection cap and Node's default timeouts: 3 × 7,400 idle connections used
 * up 20,000 descriptors and they stopped answering; slow headers on the dashboard were unanswered
 * after 30 s. Each now has the webhook servers' guards (common/net): a cap in all and per
 * address, short header and request timeouts; SSH a login timeout from the first TCP byte and a
 * cap on connections not logged in.
 */

const IDLE = 1_000;
const HEADERS_TIMEOUT_MS = 2_000;
const timeouts = { headersTimeoutMs: HEADERS_TIMEOUT_MS, requestTimeoutMs: 2 * HEADERS_TIMEOUT_MS };

interface Idle {
  socket: net.Socket;
  /** Everything the listener sent, once it closed the connection. */
  answer: Promise<string>;
}

/** `count` connections from `localAddress` that send `first` (part of a request, or nothing) and then wait. */
async function openIdle(port: number, count: number, first: string, localAddress = '127.0.0.1'): Promise<Idle[]> {
  const opened: Idle[] = [];
  for (let i = 0; i < count; i += 1) {
    opened.push(
      await new Promise<Idle>((resolve, reject) => {
        const socket = net.connect({ port, host: '127.0.0.1', localAddress });
        let text = '';
        socket.on('data', (d: Buffer) => (text += d.toString('latin1')));
        socket.on('error', () => undefined);
        const answer = new Promise<string>((done) => socket.once('close', () => done(text)));
        socket.once('connect', () => {
          if (first) socket.write(first);
          resolve({ socket, answer });
        });
        socket.once('error', reject);
      }),
    );
  }
  return opened;
}

/** Resolves once `count` of the connections have been closed by the listener. */
async function closedCount(idle: Idle[], count: number): Promise<void> {
  let closed = 0;
  await new Promise<void>((resolve) => {
    if (count === 0) resolve();
    for (const c of idle) void c.answer.then(() => (closed += 1) === count && resolve());
  });
}

/** A GET from another loopback address (a real client), with the Host the listener answers for. */
function get(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, localAddress: '127.0.0.2', headers: { Host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

const partialHeaders = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n';

/** The attack on one HTTP listener: 1,000 idle connections from one address, each with half its headers. */
async function floodHttp(port: number, path: string): Promise<void> {
  const idle = await openIdle(port, IDLE, partialHeaders);
  const refused = IDLE - LISTENER_LIMITS.perAddress;
  await closedCount(idle, refused);
  // A real client from another address is answered while the flood's share is held open…
  expect(await get(port, path)).toBeLessThan(400);
  const answers = await Promise.all(idle.map((c) => c.answer));
  // …past its share the flood was answered 503 at once; the rest 408 at the header timeout.
  expect(answers.filter((a) => a.startsWith('HTTP/1.1 503') && a.includes('"code":"TOO_MANY_CONNECTIONS"'))).toHaveLength(refused);
  expect(answers.filter((a) => a.startsWith('HTTP/1.1 408') && a.includes('"code":"REQUEST_TIMEOUT"'))).toHaveLength(
    LISTENER_LIMITS.perAddress,
  );
}

describe('thousands of idle connections and slow headers against the lab’s own listeners', () => {
  jest.setTimeout(60_000);

  describe('the lab dashboard', () => {
    let dashboard: RunningDashboard;
    beforeAll(async () => {
      const closed = 'http://127.0.0.1:1';
      dashboard = await startDashboard({
        config: testConfig({ HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: String(2 * HEADERS_TIMEOUT_MS) }),
        servers: { basic: closed, joke: closed, card: closed, network: closed },
        routerControlUrl: closed,
        port: 0,
        logger: captureLogger('dashboard'),
      });
    });
    afterAll(() => dashboard.close());

    it('holds its share per address, refuses the rest with 503, answers slow headers with 408, and serves a real client', async () => {
      await floodHttp(Number(new URL(dashboard.url).port), '/');
    });
  });

  describe("step 8's balancer", () => {
    let copy: http.Server;
    let balancer: RunningBalancer;
    beforeAll(async () => {
      copy = http.createServer((_req, res) => res.end('{"status":"ok"}'));
      await new Promise<void>((resolve) => copy.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(copy.address() as AddressInfo).port}`;
      balancer = await startBalancer({ host: '127.0.0.1', port: 0, targets: [{ name: 'copy-1', url }], forwardedFor: false, timeouts });
    });
    afterAll(async () => {
      await balancer.close();
      await new Promise((resolve) => copy.close(resolve));
    });

    it('holds its share per address, refuses the rest with 503, answers slow headers with 408, and serves a real client', async () => {
      await floodHttp(balancer.port, '/health');
    });
  });

  describe("the router's control port and SSH", () => {
    let fx: SimFixture;
    beforeAll(async () => {
      fx = await startTestSimulator({
        controlGuards: { timeouts },
        ssh: { loginTimeoutMs: HEADERS_TIMEOUT_MS, unauthenticated: { total: 64, perAddress: 16 } },
      });
    });
    afterAll(() => fx.close());

    it('the control port holds its share per address, refuses the rest with 503, answers slow headers with 408, and serves a real client', async () => {
      await floodHttp(Number(new URL(fx.sim.controlUrl).port), '/health');
    });

    const login = async (localAddress: string): Promise<void> => {
      const ssh = await new NodeSSH().connect({
        host: '127.0.0.1',
        port: fx.port,
        username: 'admin',
        password: 'cisco',
        localAddress,
        tryKeyboard: false,
        readyTimeout: 10_000,
      });
      expect((await ssh.execCommand('show clock')).stdout).toMatch(/UTC/);
      ssh.dispose();
    };

    it('SSH keeps the newest 16 connections per address that have not logged in, drops them at the login timeout, and lets real clients in', async () => {
      // Idle TCP connections that never send even the SSH version line: each past 16 pushes out the oldest.
      const idle = await openIdle(fx.port, 300, '');
      await closedCount(idle, 300 - 16);
      // A real client from another address, and one from the flood's own (the network server shares 127.0.0.1).
      await login('127.0.0.2');
      await login('127.0.0.1');
      await closedCount(idle, 300); // the rest: pushed out by that login, or at the login timeout
      expect(fx.sim.stats().sessions_opened).toBe(2);
    });
  });
});
