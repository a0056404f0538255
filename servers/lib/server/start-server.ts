import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '../errors';
import { rawErrorResponse } from '../pipeline/raw-error-response';
import { limitConnections } from '../security/limit-connections';
import type { AppConfig } from '../config/load-config';
import type { EventLogger } from '../../../common/logging/create-logger';
import type { WebhookApp } from '../pipeline/create-webhook-app';
import { checkExposure } from '../security/check-exposure';
import { expressHttpClasses } from './express-http-classes';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8000 */
  url: string;
  port: number;
  server: http.Server;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes the app. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  config: Readonly<AppConfig>;
  logger: EventLogger;
  /** 0 picks a free port (tests). */
  port: number;
}

/**
 * Node answers unparseable HTTP, and requests too slow to arrive, itself, before Express runs;
 * give those answers the shared error shape too (431 oversized headers, 408 too slow, 400 else).
 */
const CLIENT_ERRORS: Record<string, ErrorCode> = { HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE', ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT' };

function answerMalformedRequest(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) return void socket.destroy();
  socket.end(rawErrorResponse(CLIENT_ERRORS[err.code ?? ''] ?? 'BAD_REQUEST'));
}

/**
 * Binds the app to HOST:port, over HTTPS when TLS_CERT/TLS_KEY are set. The only place that
 * listens: buildApp never does, so tests can use the same app with supertest.
 */
export async function startServer(built: WebhookApp, { config, logger, port }: StartOptions): Promise<RunningServer> {
  checkExposure(config, logger);
  const { app, server: name, refusals } = built;
  // Slow-loris guards: a client gets HEADERS_TIMEOUT_MS (10 s) to send its headers and
  // REQUEST_TIMEOUT_MS (30 s) for the whole request. Node checks them every
  // connectionsCheckingInterval (30 s by default, so a 10 s timeout fired after ~35 s): here a
  // fifth of the header timeout, at most a second.
  const options = {
    // Requests built with Express's prototypes from the start, not re-prototyped by Express per
    // request: measured ~88 of the basic server's 244 µs of CPU per request (bench/README.md).
    // Route tests use the same classes (test/support/route-request.ts).
    ...expressHttpClasses(app),
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(config.headersTimeoutMs / 5))),
  };
  const server: http.Server = config.tls
    ? https.createServer({ ...options, cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) }, app)
    : http.createServer(options, app);
  limitConnections(server, { total: config.maxConnections, perAddress: config.maxConnectionsPerAddress }, refusals, Boolean(config.tls));
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
      built.stopping(); // live streams end now, or the server would wait for them
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      await drained;
      clearTimeout(timer);
      await built.close();
      logger.log('SERVER_STOP', { server: name });
    })();
    return closing;
  };
  return { url, port: bound, server, close };
}
