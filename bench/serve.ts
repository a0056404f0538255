import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { runServer } from '../servers/lib/server/run-server';
import { LAB_APPS } from '../lab/lab-apps';
import { buildBareExpress } from './bare-express';
import { expressHttpClasses } from '../servers/lib/server/express-http-classes';

/**
 * A server under test, in its own process: `basic` and `network` start exactly as `npm run
 * basic` / `npm run network` do (runServer: config from the environment, console + file
 * logging, journal), minus dotenv so a developer's .env cannot change what is measured; `bare`
 * is the baseline, `http.createServer(app)` as Express's docs write it; `bare-classes` is the
 * same app listening the way startServer does (expressHttpClasses), for the record; `floor` is
 * Node's own http server answering a fixed line with nothing checked, logged or stored. Each
 * prints a line with `url=...` on stdout, which the bench reads.
 */
const kind = process.argv[2];

/** Listens on a free loopback port, prints the line the bench reads, and stops on SIGTERM. */
function listen(server: http.Server): void {
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`SERVER_START server=${kind} url=http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
  });
  const stop = (): void => void server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (kind === 'basic' || kind === 'network') {
  void runServer(kind, process.env, LAB_APPS[kind]);
} else if (kind === 'bare' || kind === 'bare-classes') {
  const app = buildBareExpress();
  listen(kind === 'bare' ? http.createServer(app) : http.createServer(expressHttpClasses(app), app));
} else if (kind === 'floor') {
  listen(
    http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    }),
  );
} else {
  process.stderr.write('usage: serve.ts basic|network|bare|bare-classes|floor\n');
  process.exit(2);
}
