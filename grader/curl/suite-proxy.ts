import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GradeHttp, type Credentials } from '../grade-http';
import { safeEqual, verifyGithubSignature } from '../../common/signatures/webhook-signatures';
import { bearerToken } from '../../servers/lib/security/bearer-token';

/**
 * What the proxy in front of a server does with the curl suite's requests:
 * - record: pass them on and remember each exchange (the suite against the real servers);
 * - 500: answer 500 to everything;
 * - malformed: answer 200 {"status":"ok"} to a body that is not JSON, pass the rest;
 * - no-token: give every POST the right token and signature before passing it on.
 * In the three mutant modes a request the real server already answered gets the recorded answer
 * again (in order), so a mutant behaves exactly like the real server but for its one defect.
 */
export type ProxyMode = 'record' | '500' | 'malformed' | 'no-token';

interface Exchange {
  status: number;
  contentType: string;
  body: Buffer;
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'expect',
  'proxy-connection',
  'te',
  'trailer',
]);
const FORWARD_TIMEOUT_MS = 60_000;
const MAX_BODY = 2 * 1024 * 1024;

export interface SuiteProxy {
  url: string;
  mode: ProxyMode;
  /** The `event` of every JSON object body sent while recording. */
  readonly events: string[];
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const isJson = (body: Buffer): boolean => {
  try {
    JSON.parse(body.toString('utf8'));
    return true;
  } catch {
    return false;
  }
};

/** True when the request carries the right token or a valid GitHub signature. */
function hasValidProof(headers: http.IncomingHttpHeaders, body: Buffer, credentials: Credentials): boolean {
  const bearer = bearerToken(headers.authorization);
  const tokenOk = Boolean(credentials.token && bearer && safeEqual(bearer, credentials.token));
  const hub = headers['x-hub-signature-256'];
  const sigOk = Boolean(
    credentials.secret && typeof hub === 'string' && verifyGithubSignature([Buffer.from(credentials.secret)], hub, body),
  );
  return tokenOk || sigOk;
}

/** A proxy in front of one server (`target` undefined: there is none, every request gets 502). */
export async function startSuiteProxy(target: string | undefined, credentials: Credentials): Promise<SuiteProxy> {
  const recorded = new Map<string, Exchange[]>();
  const replayed = new Map<string, number>();
  const events: string[] = [];
  const state = { mode: 'record' as ProxyMode };

  const keyOf = (req: http.IncomingMessage, body: Buffer, headers: http.IncomingHttpHeaders): string =>
    JSON.stringify([
      req.method,
      req.url,
      headers['content-type'] ?? '',
      body.toString('base64'),
      hasValidProof(headers, body, credentials)
        ? 'valid'
        : [headers.authorization, headers['x-hub-signature-256'], headers['webhook-signature']],
    ]);

  async function forward(req: http.IncomingMessage, headers: http.IncomingHttpHeaders, body: Buffer): Promise<Exchange> {
    if (!target)
      return { status: 502, contentType: 'application/json', body: Buffer.from('{"error":"the grader has no server for this URL"}') };
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers)) if (!HOP_BY_HOP.has(k) && typeof v === 'string') out[k] = v;
    try {
      const res = await fetch(`${target}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: out,
        redirect: 'manual',
        signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
        ...(req.method !== 'GET' && req.method !== 'HEAD' && { body }),
      });
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
    } catch (err) {
      const reason = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return {
        status: 502,
        contentType: 'application/json',
        body: Buffer.from(JSON.stringify({ error: `the grader's proxy could not reach the server: ${reason}` })),
      };
    }
  }

  /** The recorded answer for this request, next in line; undefined when there is none left. */
  function replay(key: string): Exchange | undefined {
    const list = recorded.get(key) ?? [];
    const used = replayed.get(key) ?? 0;
    replayed.set(key, used + 1);
    return list[used];
  }

  async function answer(req: http.IncomingMessage, body: Buffer): Promise<Exchange> {
    let headers = req.headers;
    if (state.mode === '500') return { status: 500, contentType: 'application/json', body: Buffer.from('{"error":"internal error"}') };
    if (state.mode === 'malformed' && body.length > 0 && !isJson(body))
      return { status: 200, contentType: 'application/json', body: Buffer.from('{"status":"ok"}') };
    if (state.mode === 'no-token' && req.method === 'POST') {
      // Whatever proof the request had (none, wrong, half), it now has all of it.
      const {
        'x-hub-signature-256': _h,
        'webhook-signature': _w,
        'webhook-id': _i,
        'webhook-timestamp': _t,
        authorization: _a,
        ...rest
      } = headers;
      headers = { ...rest, ...GradeHttp.authHeaders(credentials, body) };
    }
    const key = keyOf(req, body, headers);
    if (state.mode !== 'record') return replay(key) ?? forward(req, headers, body);
    const exchange = await forward(req, headers, body);
    recorded.set(key, [...(recorded.get(key) ?? []), exchange]);
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { event?: unknown };
      if (parsed && typeof parsed.event === 'string') events.push(parsed.event);
    } catch {
      // not JSON: no event to note
    }
    return exchange;
  }

  const server = http.createServer((req, res) => {
    readBody(req)
      .then((body) => answer(req, body))
      .then((ex) => {
        res.writeHead(ex.status, { ...(ex.contentType && { 'content-type': ex.contentType }), 'content-length': ex.body.length });
        res.end(ex.body);
      })
      .catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get mode() {
      return state.mode;
    },
    set mode(next: ProxyMode) {
      state.mode = next;
      replayed.clear();
    },
    events,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
