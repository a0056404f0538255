import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { ERROR_TABLE, type ErrorCode } from './errors';
import type { Express } from 'express';
import type { AppConfig } from './load-config';
import type { EventLogger } from './create-logger';
import { webhookAppInfo } from './create-webhook-app';
import { checkExposure } from './check-exposure';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8000 */
  url: string;
  port: number;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), runs the app's close hooks. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  config: Readonly<AppConfig>;
  logger: EventLogger;
  /** 0 picks a free port (tests). */
  port: number;
}

/**
 * Node answers unparseable HTTP itself, before Express runs; give those answers the shared
 * error shape too (431 for oversized headers, 400 for anything else).
 */
function answerMalformedRequest(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  const code: ErrorCode = err.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'BAD_REQUEST';
  const { status, message } = ERROR_TABLE[code];
  const body = JSON.stringify({ error: { code, message, details: [] }, request_id: crypto.randomUUID() });
  const reason = http.STATUS_CODES[status] ?? 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * Binds the app to HOST:port, over HTTPS when TLS_CERT/TLS_KEY are set. The only place that
 * listens: buildApp never does, so tests can use the same app with supertest.
 */
export async function startServer(app: Express, { config, logger, port }: StartOptions): Promise<RunningServer> {
  checkExposure(config, logger);
  const { server: name, onClose, onClosing = [] } = webhookAppInfo(app);
  const server: http.Server = config.tls
    ? https.createServer({ cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) }, app)
    : http.createServer(app);
  // Slow-loris guards: a client gets 10 s to send its headers, 30 s for the whole request.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  server.on('clientError', answerMalformedRequest);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  const scheme = config.tls ? 'https' : 'http';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${scheme}://${host}:${bound}`;
  logger.log('SERVER_START', { server: name, url, tls: Boolean(config.tls) });

  let closing: Promise<void> | undefined;
  const close = (graceMs = 10_000): Promise<void> => {
    closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const hook of onClosing) hook();
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await drained;
      clearTimeout(timer);
      for (const hook of onClose) await hook();
      logger.log('SERVER_STOP', { server: name });
    })();
    return closing;
  };
  return { url, port: bound, server, close };
}
