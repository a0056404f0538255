import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { LISTENER_LIMITS, type ConnectionLimits } from '../common/net/limit-connections';
import { httpTimeoutOptions, LISTENER_TIMEOUTS, type HttpTimeouts } from '../common/net/http-timeouts';
import { guardHttpListener } from '../common/net/guard-http-listener';

/** One copy of a server behind the balancer. */
export interface BalancerTarget {
  name: string;
  /** Plain HTTP on loopback, e.g. http://127.0.0.1:41234 */
  url: string;
}

export interface BalancerOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  targets: BalancerTarget[];
  /** PEM certificate and key: the balancer speaks HTTPS (TLS ends here; the copies behind speak HTTP). */
  tls?: { cert: Buffer; key: Buffer };
  /**
   * Append the client's address to X-Forwarded-For. Only with TRUST_PROXY=true on the copies,
   * which then see the real client (allow-list, rate limit, logs) instead of the balancer.
   */
  forwardedFor: boolean;
  /** A copy stopped answering, or answers again. */
  log?: (line: string) => void;
  /** Connection caps and HTTP timeouts, as the servers behind have them (default LISTENER_LIMITS, LISTENER_TIMEOUTS). */
  limits?: ConnectionLimits;
  timeouts?: HttpTimeouts;
}

export interface RunningBalancer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// Headers about one connection, not the message (RFC 9110 §7.6.1): never forwarded.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
/** A copy that refused a connection is skipped this long before it is tried again. */
const DOWN_FOR_MS = 2000;

function badGateway(res: http.ServerResponse): void {
  const body = JSON.stringify({
    error: { code: 'UPSTREAM_UNAVAILABLE', message: 'No copy of the server answered; retry shortly.', details: [] },
    request_id: crypto.randomUUID(),
  });
  res.writeHead(502, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Retry-After': '1' });
  res.end(body);
}

/**
 * A small round-robin load balancer, the part of the picture a student otherwise gets from
 * nginx or a cloud load balancer: each request goes to the next copy, bodies are streamed both
 * ways, headers are passed as they are. A copy that refuses the connection (it was stopped) is
 * skipped and the request goes to the next one — the body has not been sent yet, so nothing is
 * sent twice; a copy that dies mid-request ends that request with 502, and the sender retries.
 */
export async function startBalancer(options: BalancerOptions): Promise<RunningBalancer> {
  // A new connection per request (cheap on loopback): a stopped copy then refuses it before any
  // byte of the body went out, instead of resetting a kept-alive one half-way.
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const downUntil = new Map<string, number>();
  let next = 0;

  const pick = (tried: Set<string>): BalancerTarget | undefined => {
    const { targets } = options;
    for (let i = 0; i < targets.length; i += 1) {
      const target = targets[(next + i) % targets.length]!;
      if (tried.has(target.name) || (downUntil.get(target.name) ?? 0) > Date.now()) continue;
      next = (next + i + 1) % targets.length;
      return target;
    }
    return targets.find((t) => !tried.has(t.name)); // all marked down: try one anyway
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, tried: Set<string>): void => {
    const target = pick(tried);
    if (!target) return badGateway(res);
    tried.add(target.name);
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
    if (options.forwardedFor) {
      const previous = req.headers['x-forwarded-for'];
      headers['x-forwarded-for'] = [previous, req.socket.remoteAddress].filter(Boolean).join(', ');
    }
    const { hostname, port } = new URL(target.url);
    const upstream = http.request({ hostname, port, method: req.method, path: req.url, headers, agent });
    let bodySent = false;
    let clientGone = false;
    // The body goes out once the copy has accepted the connection: a refused one can be retried elsewhere.
    upstream.on('socket', (socket) => {
      const send = (): void => {
        bodySent = true;
        req.pipe(upstream);
      };
      if (socket.connecting) socket.once('connect', send);
      else send();
    });
    upstream.on('response', (answer) => {
      if (downUntil.delete(target.name)) options.log?.(`BALANCER event=copy_back copy=${target.name}`);
      const raw: string[] = [];
      for (let i = 0; i < answer.rawHeaders.length; i += 2) {
        if (!HOP_BY_HOP.has(answer.rawHeaders[i]!.toLowerCase())) raw.push(answer.rawHeaders[i]!, answer.rawHeaders[i + 1]!);
      }
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, raw);
      answer.pipe(res);
    });
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (clientGone) return;
      if (!downUntil.has(target.name)) options.log?.(`BALANCER event=copy_down copy=${target.name} reason=${err.code ?? 'error'}`);
      downUntil.set(target.name, Date.now() + DOWN_FOR_MS);
      if (!bodySent) return forward(req, res, tried);
      if (!res.headersSent) badGateway(res);
      else res.destroy();
    });
    // The client gave up: so does the request to the copy.
    res.on('close', () => {
      if (res.writableFinished) return;
      clientGone = true;
      upstream.destroy();
    });
  };

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => forward(req, res, new Set());
  const guards = httpTimeoutOptions(options.timeouts ?? LISTENER_TIMEOUTS);
  const server = options.tls
    ? https.createServer({ ...guards, cert: options.tls.cert, key: options.tls.key }, handler)
    : http.createServer(guards, handler);
  guardHttpListener(server, options.limits ?? LISTENER_LIMITS, Boolean(options.tls));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}
