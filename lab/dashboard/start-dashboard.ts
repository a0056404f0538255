import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { AppConfig, ServerName } from '../../servers/lib/config/load-config';
import { AppError } from '../../servers/lib/errors';
import { errorHandler, notFound } from '../../servers/lib/pipeline/error-handler';
import { requireReadAccess } from '../../servers/lib/security/require-read-access';
import { assignRequestId } from '../../servers/lib/pipeline/assign-request-id';
import { EventStream } from '../../common/event-stream/event-stream';
import { pageCsp } from '../../servers/lib/inspect/page-csp';
import { PUBLIC_DIR as INSPECT_ASSETS, servePageLibraries } from '../../servers/lib/inspect/inspect-routes';
import type { EventLogger } from '../../common/logging/create-logger';
import { StreamSlots } from '../../common/event-stream/stream-slots';
import { takeStreamSlot } from '../../servers/lib/inspect/take-stream-slot';
import { FeedHub } from './feed-hub';

export interface DashboardOptions {
  config: Readonly<AppConfig>;
  /** Base URL of each webhook server, e.g. http://127.0.0.1:8000. */
  servers: Record<ServerName, string>;
  /** The simulator's control port, e.g. http://127.0.0.1:2280. */
  routerControlUrl: string;
  /** 0 picks a free port (tests). Always bound to 127.0.0.1. */
  port: number;
  logger: EventLogger;
}

export interface RunningDashboard {
  url: string;
  close(): Promise<void>;
}

const ASSETS = path.join(__dirname, 'public');
const ACTIONS = new Set(['shutdown', 'no-shutdown', 'flap']);
const NAME = /^[A-Za-z][A-Za-z0-9/.:-]{0,47}$/;

/**
 * DNS rebinding guard: a web page elsewhere could point a name of its own at 127.0.0.1 and make
 * the browser talk to this port. Only the loopback names of this very port are answered.
 */
function sameHostOnly(port: () => number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const allowed = [`127.0.0.1:${port()}`, `localhost:${port()}`, `[::1]:${port()}`];
    if (!allowed.includes(req.get('host') ?? ''))
      return next(new AppError('FORBIDDEN', 'Open the dashboard as http://127.0.0.1:<port>/ or http://localhost:<port>/.'));
    next();
  };
}

/**
 * A button press must come from the dashboard's own page: a browser marks a cross-site request
 * (Sec-Fetch-Site, Origin), and a JSON body cannot be sent cross-site without a CORS preflight,
 * which this server never grants.
 */
function sameOriginWrite(req: Request, _res: Response, next: NextFunction): void {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const host = req.get('host');
  if (
    (site !== undefined && site !== 'same-origin') ||
    (origin !== undefined && origin !== `http://${host}`) ||
    !req.is('application/json')
  ) {
    return next(new AppError('FORBIDDEN', 'Router buttons work from the dashboard page only.'));
  }
  next();
}

/**
 * The lab dashboard (`npm start` prints its URL): the four servers' live views side by side and
 * the router — its interfaces with shut / no shut / flap buttons, the webhooks it sends, its SSH
 * sessions — so the whole loop of step 6 shows in one place. It runs in the launcher, binds
 * 127.0.0.1 only, and reaches the servers and the router itself (the browser talks to this
 * origin only: no CORS anywhere). Its feed follows the journal's read rule; every tab shares
 * one relay per server and one for the router (feed-hub.ts).
 */
export async function startDashboard(options: DashboardOptions): Promise<RunningDashboard> {
  const { config, servers, routerControlUrl } = options;
  const ca = config.tls ? fs.readFileSync(config.tls.certFile) : undefined;
  const streams = new Set<EventStream>();
  const slots = new StreamSlots();
  // The visitor's token is checked here (the journal's read rule); the one relay per server that
  // all tabs share presents the lab's own token, which each server checks again.
  const hub = new FeedHub({
    servers,
    routerControlUrl,
    headers: config.webhookToken ? { Authorization: `Bearer ${config.webhookToken}` } : {},
    ca,
  });
  let boundPort = options.port;

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(assignRequestId());
  app.use(sameHostOnly(() => boundPort));
  app.use(helmet());
  const guard = requireReadAccess(config, 'The lab dashboard');

  app.get('/', pageCsp(), (_req, res) => res.sendFile(path.join(ASSETS, 'dashboard.html')));
  app.use('/assets/inspect', pageCsp(), servePageLibraries(), express.static(INSPECT_ASSETS, { index: false, redirect: false }));
  app.use('/assets', pageCsp(), express.static(ASSETS, { index: false, redirect: false }));

  app.get('/feed', guard, (req, res) => {
    const release = takeStreamSlot(slots, req);
    const stream = new EventStream(res);
    streams.add(stream);
    stream.onClose(() => {
      streams.delete(stream);
      release();
    });
    void hub.join(stream);
  });

  // The router's buttons: the control port's own routes, for a device and interface named in the path.
  app.post('/router/:device/:name/:action', guard, sameOriginWrite, async (req, res) => {
    const [device, name, action] = [String(req.params.device), String(req.params.name), String(req.params.action)];
    if (!NAME.test(device) || !NAME.test(name) || !ACTIONS.has(action)) throw new AppError('NOT_FOUND', 'No such router action.');
    const target = `${routerControlUrl}/devices/${encodeURIComponent(device)}/interfaces/${encodeURIComponent(name)}/${action}`;
    const answer = await fetch(target, { method: 'POST', signal: AbortSignal.timeout(65_000) }).catch((err: Error) => {
      throw new AppError('DEVICE_UNREACHABLE', `The router's control port did not answer (${err.message}).`);
    });
    res
      .status(answer.status)
      .type('application/json')
      .send(await answer.text());
  });
  app.use(notFound());
  app.use(errorHandler(options.logger));

  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/`,
    close: async () => {
      hub.close();
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
