import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How a stand-in behaves: 'ok' answers like the real API; 'fail' answers 503; 'garbage' answers
 * 200 with an HTML page, as a captive portal or a misconfigured proxy would; 'slow' answers
 * correctly but late; 'stall' (also called 'hang') accepts the request and never answers (a
 * timeout); 'down' drops the connection without a word (a crashed host: connection reset).
 */
export type FakeMode = 'ok' | 'fail' | 'stall' | 'garbage' | 'slow' | 'down';

export const FAKE_MODES: readonly FakeMode[] = ['ok', 'fail', 'garbage', 'slow', 'stall', 'down'];

/** A route's answer: status and JSON body. */
export interface FakeAnswer {
  status: number;
  body: unknown;
}

/** Answers one GET in 'ok' mode; `url` is parsed against the server's own address. */
export type FakeRoutes = (url: URL, req: http.IncomingMessage) => FakeAnswer;

/** One request as the stand-in saw it (for a grader watching what a server really asked). */
export interface FakeRequestSeen {
  path: string;
  mode: FakeMode;
  /** The answer's status and body; absent when the mode sent none (stall, down). */
  answer?: FakeAnswer;
}

export interface FakeServerOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  /** How long 'slow' waits before answering (default 3000 ms). */
  slowMs?: number;
  /** Called for every request to the API (not for the /__mode control). */
  onRequest?: (seen: FakeRequestSeen) => void;
  /**
   * When set, `/__mode` obeys only requests carrying it in `X-Hooklab-Control` (403 otherwise):
   * the grader's world locks its stand-ins so a student's server cannot undo the failures it grades.
   */
  controlToken?: string;
}

/** A running stand-in for a public API. */
export interface FakeApi {
  /** e.g. http://127.0.0.1:41234 — use as JOKE_API_URL / CARD_API_URL. */
  url: string;
  port: number;
  /**
   * Switches behaviour; with `times`, only the next `times` requests, then back to 'ok'.
   * Requests held by an earlier 'stall' are let go (their connection is closed).
   */
  setMode(mode: FakeMode, times?: number): void;
  readonly mode: FakeMode;
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

const json = (res: http.ServerResponse, status: number, body: unknown): void => send(res, status, JSON.stringify(body), 'application/json');

/**
 * The control a student (or the grader) uses to make the stand-in fail on purpose:
 * `POST /__mode/fail` (or ok, garbage, slow, stall, hang, down), optionally `?times=N` (only the
 * next N requests) and, for slow, `?ms=M`; `GET /__mode` says what it is doing.
 */
const CONTROL = /^\/__mode(?:\/([a-z]+))?\/?$/;

/** Starts a small real HTTP server on loopback that answers through `routes`, or misbehaves on demand. */
export async function startFakeServer(routes: FakeRoutes, options: FakeServerOptions = {}): Promise<FakeApi> {
  let mode: FakeMode = 'ok';
  let modeLeft = Infinity;
  let slowMs = options.slowMs ?? 3000;
  let requests = 0;
  let lastHeaders: http.IncomingHttpHeaders | undefined;
  const stalled = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const setMode = (next: FakeMode, times?: number): void => {
    mode = next;
    modeLeft = times ?? Infinity;
    for (const socket of stalled) socket.destroy();
    stalled.clear();
  };

  const control = (req: http.IncomingMessage, res: http.ServerResponse, asked: string | undefined, url: URL): void => {
    if (req.method === 'GET' && !asked)
      return json(res, 200, { mode, left: Number.isFinite(modeLeft) ? modeLeft : null, requests, modes: FAKE_MODES });
    const next = asked === 'hang' ? 'stall' : asked;
    if (req.method !== 'POST' || !FAKE_MODES.includes(next as FakeMode)) {
      return json(res, 400, { error: `use POST /__mode/<mode>, mode one of ${FAKE_MODES.join(', ')} (or hang)` });
    }
    const times = Number(url.searchParams.get('times'));
    const ms = Number(url.searchParams.get('ms'));
    if (Number.isFinite(ms) && ms > 0) slowMs = Math.min(ms, 120_000);
    setMode(next as FakeMode, Number.isInteger(times) && times > 0 ? times : undefined);
    json(res, 200, { mode, left: Number.isFinite(modeLeft) ? modeLeft : null });
  };

  const answer = (req: http.IncomingMessage, url: URL): FakeAnswer => {
    if (req.method !== 'GET') return { status: 405, body: { status: 405, message: 'Method Not Allowed' } };
    try {
      return routes(url, req);
    } catch (err) {
      return { status: 500, body: { status: 500, message: String(err) } };
    }
  };

  const server = http.createServer((req, res) => {
    // Some clients write `${base}/` after a base ending in "/": "//api/…" is the same path.
    const url = new URL((req.url ?? '/').replace(/^\/{2,}/, '/'), 'http://fake.invalid');
    const asked = CONTROL.exec(url.pathname);
    if (asked) {
      if (options.controlToken && req.headers['x-hooklab-control'] !== options.controlToken)
        return json(res, 403, { error: 'this stand-in is being graded: only the grader may change its mode' });
      return control(req, res, asked[1], url);
    }
    requests += 1;
    lastHeaders = req.headers;
    const current = mode;
    modeLeft -= 1;
    if (modeLeft <= 0) mode = 'ok';
    const seen = (a?: FakeAnswer): void => options.onRequest?.({ path: url.pathname, mode: current, ...(a && { answer: a }) });
    if (current === 'stall') {
      // Hold the socket open; the next setMode (or close) lets it go.
      stalled.add(req.socket);
      req.socket.once('close', () => stalled.delete(req.socket));
      return seen();
    }
    if (current === 'down') {
      seen();
      return void req.socket.destroy();
    }
    if (current === 'fail') {
      seen({ status: 503, body: { status: 503, message: 'Service Unavailable' } });
      return json(res, 503, { status: 503, message: 'Service Unavailable' });
    }
    if (current === 'garbage') {
      seen({ status: 200, body: 'html' });
      return send(res, 200, '<!doctype html><title>Sign in to the Wi-Fi</title>', 'text/html');
    }
    const reply = answer(req, url);
    seen(reply);
    if (current !== 'slow') return json(res, reply.status, reply.body);
    const timer = setTimeout(() => {
      timers.delete(timer);
      json(res, reply.status, reply.body);
    }, slowMs);
    timers.add(timer);
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
    setMode,
    get mode() {
      return mode;
    },
    get requests() {
      return requests;
    },
    get lastHeaders() {
      return lastHeaders;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // includes stalled requests and idle keep-alive sockets
      });
    },
  };
}
