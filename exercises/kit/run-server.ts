import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import dotenv from 'dotenv';
import { readEnv, type ExerciseEnv } from './read-env';
import { createLog, type Log } from './log-line';

/** What `buildApp` gets: the environment, read once, and the log to write events to. */
export interface ServerDeps {
  env: ExerciseEnv;
  log: Log;
}

export interface ServerInfo {
  /** Names the log file: `<name>_webhook.log`. */
  name: string;
  /** The step's usual port, used when PORT is not set. */
  port: number;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * Starts an exercise server the way `npm run exercise` expects: reads `.env` and the
 * environment, listens on HOST:PORT, logs SERVER_START, stops cleanly on Ctrl-C.
 */
export function runServer(info: ServerInfo, buildApp: (deps: ServerDeps) => Express): void {
  // Variables already set win over .env (so `npm run exercise` and tests can point the server).
  dotenv.config({ quiet: true, path: process.env.DOTENV_CONFIG_PATH || '.env' });
  let env: ExerciseEnv;
  try {
    env = readEnv(process.env);
  } catch (err) {
    fail(`Cannot start: ${(err as Error).message}`);
  }
  const log = createLog(info.name, env.logDir);
  const port = env.port ?? info.port;
  if (!['127.0.0.1', '::1', 'localhost'].includes(env.host)) {
    log('SECURITY', { warning: `HOST=${env.host}: other machines can reach this server, and an exercise server trusts its network` });
  }
  const server: http.Server = buildApp({ env, log }).listen(port, env.host, () => {
    const { port: bound } = server.address() as AddressInfo; // PORT=0: the one the system chose
    log('SERVER_START', { server: info.name, url: `http://${env.host}:${bound}` });
  });
  server.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EADDRINUSE') {
      fail(
        `Port ${port} is already in use. Is the reference lab (npm start) or another server still running? Stop it, or pick another port: PORT=9000 ...`,
      );
    }
    fail(`Cannot listen on ${env.host}:${port}: ${err.message}`);
  });
  const stop = (): void => {
    log('SERVER_STOP', { server: info.name });
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // Started by `npm run exercise` (with an IPC channel): stop when it goes, never orphaned.
  if (process.send) process.once('disconnect', stop);
}
