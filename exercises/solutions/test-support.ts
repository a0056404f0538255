import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { formatLogLine, type Log } from '../kit/log-line';
import { readEnv, type ExerciseEnv } from '../kit/read-env';
import { listenOnLoopback, type LoopbackServer } from '../../test/support/loopback-server';

/** Test support for the exercise tests: real HTTP on loopback, a log a test can read. */

export type Served = LoopbackServer;

/** Listens on loopback, on a free port unless one is given (as the server would, minus the fixed port). */
export function serve(app: Express, port = 0): Promise<Served> {
  return listenOnLoopback(app, port);
}

export interface CapturedLog {
  log: Log;
  /** Every line so far, exactly as the server would write it. */
  lines: string[];
  of(type: string): string[];
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  return {
    log: (type, fields) => void lines.push(formatLogLine(type, fields)),
    lines,
    of: (type) => lines.filter((l) => l.startsWith(`${type} `)),
  };
}

/** The server's environment: the lab's defaults plus what the test says. */
export function exerciseEnv(vars: Record<string, string> = {}): ExerciseEnv {
  return readEnv({ HOST: '127.0.0.1', ...vars });
}

export interface Answer {
  status: number;
  // Loose on purpose: each test reads the fields its step promises.
  body: { [key: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** POSTs an event (an object is sent as JSON; a string or Buffer as it is). */
export async function postEvent(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Answer> {
  const raw = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const res = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: raw,
    ...(signal && { signal }),
  });
  return answerOf(res);
}

export async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  return { status: res.status, body, headers: res.headers };
}

/** The lab's error shape with this status and code. */
export function expectError(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status, code });
  expect(answer.body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Array) }, request_id: expect.any(String) });
}

/** A TCP server that accepts connections and never says a word (a hung device or API). */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
