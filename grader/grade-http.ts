import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { CheckFailure } from './check-failure';
import { githubSignature, standardWebhookKey, standardWebhookSignature } from '../common/signatures/webhook-signatures';

/** One server the grader talks to, and how to name it in a reason. */
export interface Target {
  /** e.g. "GRADE_JOKE_URL" or "joke server (this repo)". */
  label: string;
  url: string;
}

/** Credentials a target was started with. */
export interface Credentials {
  token?: string;
  secret?: string;
}

/** One HTTP answer as the checks see it; `json` is undefined when the body is not JSON. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
  ms: number;
}

export interface Send {
  method?: string;
  path: string;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** Add the run's credentials (default true for POST). Security checks send their own. */
  auth?: boolean;
  /**
   * Count a timeout towards "this target hangs" (default true). Off where the grader itself made
   * the server wait (an upstream API it put in hang mode).
   */
  countTimeout?: boolean;
}

// After this many timeouts a target is treated as hung: later requests fail at once.
const MAX_TIMEOUTS = 2;
// Enough for any answer of the lab; a server streaming forever is cut off here.
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** What a transport throws when the time is up: the reason says "no answer within N s". */
export class NoAnswer extends Error {
  override name = 'NoAnswer';
}

/** One answer as it came off the wire. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

/**
 * How one request goes out: node:http here (`nodeTransport`), supertest for the jest harness
 * (grader/jest/supertest-transport.ts). Every transport makes one request on a connection of its
 * own, follows no redirect, reads at most MAX_BODY_BYTES, and throws NoAnswer after `timeoutMs`.
 */
export type Transport = (
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
) => Promise<RawAnswer>;

/**
 * One request on a connection of its own (no keep-alive: a server that closes a connection
 * after an error must not make the next request fail), the body read up to MAX_BODY_BYTES,
 * everything within `timeoutMs`. Redirects are not followed; TLS certificates are not checked
 * (a student's self-signed one is fine for grading).
 */
export const nodeTransport: Transport = (url, method, headers, body, timeoutMs) => {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, {
      method,
      agent: false,
      rejectUnauthorized: false,
      headers: { ...headers, connection: 'close', ...(body && { 'content-length': String(body.length) }) },
    });
    const timer = setTimeout(() => req.destroy(new NoAnswer()), timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        else req.destroy(); // a server streaming forever is cut off here
      });
      const done = (): void => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', () => undefined);
    });
    req.end(body);
  });
};

/** Says why a request failed the way a student can act on it. */
function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as NodeJS.ErrnoException;
  if (e instanceof NoAnswer) return `no answer within ${timeoutMs / 1000} s`;
  if (e.code === 'ECONNREFUSED') return 'connection refused';
  if (e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN') return 'host name not found';
  if (e.code === 'ECONNRESET' || e.code === 'EPIPE' || e.message === 'socket hang up') return 'connection closed without an answer';
  return e.message;
}

/** A short description of an answer for a reason: `HTTP 200 text/html "<!doctype html>…"`. */
export function describeAnswer(a: Answer): string {
  const text = a.text.replace(/\s+/g, ' ').trim();
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  return `HTTP ${a.status}${a.contentType ? ` ${a.contentType.split(';')[0]}` : ''} ${JSON.stringify(shown)}`;
}

/**
 * The grader's HTTP client: a timeout on every request, never a throw other than a
 * CheckFailure naming the target ("GRADE_JOKE_URL http://…: connection refused").
 */
export class GradeHttp {
  private readonly timeouts = new Map<string, number>();

  constructor(
    private readonly credentials: Credentials = {},
    private readonly defaultTimeoutMs = 10_000,
    /** Also sign every event the Standard Webhooks way (the lab profile: either form may be checked). */
    private readonly standardWebhooks = false,
    private readonly transport: Transport = nodeTransport,
  ) {}

  /**
   * Headers proving the sender: Bearer token and GitHub-style HMAC over the exact body; with
   * `standard`, also a Standard Webhooks signature (webhook-id, webhook-timestamp, webhook-signature).
   */
  static authHeaders(credentials: Credentials, body: Buffer, standard = false): Record<string, string> {
    const headers: Record<string, string> = {};
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials.secret) headers['x-hub-signature-256'] = githubSignature(credentials.secret, body);
    if (credentials.secret && standard) {
      const id = `msg_${crypto.randomBytes(9).toString('hex')}`;
      const timestamp = Math.floor(Date.now() / 1000);
      headers['webhook-id'] = id;
      headers['webhook-timestamp'] = String(timestamp);
      headers['webhook-signature'] = standardWebhookSignature(standardWebhookKey(credentials.secret), id, timestamp, body);
    }
    return headers;
  }

  /** Fails at once when the target has stopped answering (so a hung server costs seconds, not minutes). */
  assertAnswering(target: Target): void {
    if ((this.timeouts.get(target.url) ?? 0) >= MAX_TIMEOUTS)
      throw new CheckFailure(`${target.label} ${target.url}: skipped, ${MAX_TIMEOUTS} earlier requests got no answer`);
  }

  async send(target: Target, req: Send): Promise<Answer> {
    const where = `${target.label} ${target.url}`;
    this.assertAnswering(target);
    const method = req.method ?? (req.body === undefined ? 'GET' : 'POST');
    const body =
      req.body === undefined
        ? undefined
        : Buffer.isBuffer(req.body)
          ? req.body
          : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    const headers: Record<string, string> = {
      ...(body && { 'content-type': 'application/json' }),
      ...((req.auth ?? method === 'POST') && GradeHttp.authHeaders(this.credentials, body ?? Buffer.alloc(0), this.standardWebhooks)),
      ...req.headers,
    };
    const timeoutMs = req.timeoutMs ?? this.defaultTimeoutMs;
    const started = performance.now();
    try {
      const res = await this.transport(new URL(`${target.url}${req.path}`), method, headers, body, timeoutMs);
      let json: unknown;
      try {
        json = JSON.parse(res.text);
      } catch {
        json = undefined;
      }
      return { ...res, json, ms: performance.now() - started };
    } catch (err) {
      const reason = networkReason(err, timeoutMs);
      if (reason.startsWith('no answer') && req.countTimeout !== false)
        this.timeouts.set(target.url, (this.timeouts.get(target.url) ?? 0) + 1);
      throw new CheckFailure(`${where}: ${method} ${req.path}: ${reason}`);
    }
  }
}
