import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How a stand-in behaves: 'ok' answers like the real API; 'fail' answers 503; 'stall' accepts the
 * request and never answers (a timeout); 'garbage' answers 200 with an HTML page, as a captive
 * portal or a misconfigured proxy would.
 */
export type FakeMode = 'ok' | 'fail' | 'stall' | 'garbage';

/** A route's answer: status and JSON body. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

/** Answers one GET in 'ok' mode; `url` is parsed against the server's own address. */
export type FakeRoutes = (url: URL, req: http.IncomingMessage) => FakeAnswer;

export interface FakeServerOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
}

/** A running stand-in for a public API. */
export interface FakeApi {
  /** e.g. http://127.0.0.1:41234 — use as JOKE_API_URL / CARD_API_URL. */
  url: string;
  port: number;
  /** Switches behaviour; with `times`, only the next `times` requests, then back to 'ok'. */
  setMode(mode: FakeMode, times?: number): void;
  /** Requests received so far. */
  readonly requests: number;
  /** The headers of the most recent request (tests check Accept and User-Agent). */
  readonly lastHeaders: http.IncomingHttpHeaders | undefined;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Starts a small real HTTP server on loopback that answers through `routes`, or misbehaves on demand. */
export async function startFakeServer(routes: FakeRoutes, options: FakeServerOptions = {}): Promise<FakeApi> {
  let mode: FakeMode = 'ok';
  let modeLeft = Infinity;
  let requests = 0;
  let lastHeaders: http.IncomingHttpHeaders | undefined;

  const server = http.createServer((req, res) => {
    requests += 1;
    lastHeaders = req.headers;
    const current = mode;
    modeLeft -= 1;
    if (modeLeft <= 0) mode = 'ok';
    if (current === 'stall') return; // hold the socket open; close() destroys it
    if (current === 'fail') return send(res, 503, JSON.stringify({ status: 503, message: 'Service Unavailable' }), 'application/json');
    if (current === 'garbage') return send(res, 200, '<!doctype html><title>Sign in to the Wi-Fi</title>', 'text/html');
    if (req.method !== 'GET') return send(res, 405, JSON.stringify({ status: 405, message: 'Method Not Allowed' }), 'application/json');
    try {
      const answer = routes(new URL(req.url ?? '/', 'http://fake.invalid'), req);
      send(res, answer.status, JSON.stringify(answer.body), 'application/json');
    } catch (err) {
      send(res, 500, JSON.stringify({ status: 500, message: String(err) }), 'application/json');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    port,
    setMode(next, times) {
      mode = next;
      modeLeft = times ?? Infinity;
    },
    get requests() {
      return requests;
    },
    get lastHeaders() {
      return lastHeaders;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // includes stalled requests and idle keep-alive sockets
      });
    },
  };
}
