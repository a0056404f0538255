import express, { type Express, type Router } from 'express';
import type { AppConfig, ServerName } from '../config/load-config';
import type { EventLogger } from '../../../common/logging/create-logger';
import { admitRequest } from './admit-request';
import { securityHeaders } from './security-headers';
import { receiveWebhook } from './receive-webhook';
import { allowAddresses } from '../security/allow-addresses';
import { allowHosts } from '../security/allow-hosts';
import { isLoopbackHost } from '../security/check-exposure';
import { limitRate } from '../security/limit-rate';
import { RefusalLog } from '../security/refusal-log';
import { authConfigured } from '../security/authenticate-webhook';
import { guardOpenServer } from '../security/guard-open-server';
import type { RequestCheck } from '../security/request-check';
import { errorHandler, methodNotAllowed, notFound } from './error-handler';
import { createJournal } from '../journal/create-journal';
import type { JournalStore } from '../journal/journal-store';
import { addJournalRoutes } from '../journal/journal-routes';
import type { ServerEvents } from './event-handler';
import { eventTable } from './event-table';
import { InspectFeed } from '../inspect/inspect-feed';
import { addInspectRoutes } from '../inspect/inspect-routes';
import { observeSteps } from '../inspect/observe-steps';
import { recordHandlerSteps } from '../inspect/request-trace';

export interface WebhookAppOptions extends ServerEvents {
  server: ServerName;
  config: Readonly<AppConfig>;
  logger: EventLogger;
  /** Extra routes (e.g. GET /jobs/:id), added after /events and /health. */
  routes?: (router: Router) => void;
  /** Resources to release when the server stops (SSH sessions, files). */
  onClose?: Array<() => Promise<void> | void>;
  /** The event journal; by default LOG_DIR/events.jsonl, or Redis when REDIS_URL is set. */
  journal?: JournalStore;
  /** More fields for GET /health (e.g. which copy answered, what it works on). */
  health?: () => Record<string, unknown>;
  /** The live view's buffer of recent requests (GET /inspect); by default a new one. */
  inspectFeed?: InspectFeed;
  /**
   * The handler does work worth showing step by step (SSH commands, API calls): requests then
   * carry their trace through AsyncLocalStorage, which costs every request a little (request-trace.ts).
   */
  handlerSteps?: boolean;
}

/** A built server: the Express app, and what startServer and tests need to run and stop it. */
export interface WebhookApp {
  /** The request handler: startServer listens with it; supertest takes it as it is. */
  app: Express;
  server: ServerName;
  /** Where refused requests (and connections, see limit-connections.ts) are logged. */
  refusals: RefusalLog;
  /** What GET /inspect shows: the recent requests, as traces. */
  inspectFeed: InspectFeed;
  /** Called as soon as the server starts stopping, before it waits for open connections: live streams end here. */
  stopping(): void;
  /**
   * Releases what the app holds — the `onClose` resources, then the refusal log and the journal
   * — once the server has stopped taking requests. Calling it again waits for the first call.
   */
  close(): Promise<void>;
}

/**
 * The pipeline every lab server shares. Order matters and is the same everywhere:
 * request id → trace (GET /inspect) → security headers → Host name (loopback binds) → address
 * allow-list → this machine only (a server running open) [admit-request.ts] → rate limit
 * (requests without a credential) → for POST /events [receive-webhook.ts]: raw body (JSON only,
 * size-limited) → credential checked over the raw bytes → rate limit (the others, authenticated
 * senders in a budget of their own) → 401 if the credential failed → JSON parse → validation →
 * handler → journal → answer [dispatch-event.ts] → one error handler. `buildApp` in each server
 * only declares its events.
 */
export function createWebhookApp(options: WebhookAppOptions): WebhookApp {
  const { config, logger, server } = options;
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY trusts exactly one hop (the proxy in front), so a client cannot pick its own
  // address by sending a longer X-Forwarded-For chain.
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.set('json spaces', 2); // students read these answers in a terminal
  const journal = options.journal ?? createJournal(config, server, logger);
  // The journal closes last: work finishing during the stop is still recorded.
  // Refused requests are logged through one RefusalLog: a flood of them is one line per source.
  const refusals = new RefusalLog(logger);
  const onClose = [...(options.onClose ?? []), () => refusals.flush(), () => journal.close()];
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      for (const release of onClose) await release();
    })();
    return closing;
  };

  app.set('etag', false); // webhook answers are never cached; hashing each body is wasted work
  const auth = {
    webhookToken: config.webhookToken,
    webhookSecrets: config.webhookSecrets,
    requireTimestamped: config.requireTimestampedSignatures,
  };
  // Checks that are switched off are not in the list at all: nothing to pay per request.
  const checks: RequestCheck[] = [];
  // First, before anything is read: a browser tricked by DNS rebinding gets nothing but a 421.
  if (isLoopbackHost(config.host)) checks.push(allowHosts(config.publicHostname, refusals));
  if (config.ipAllowlist.length > 0) checks.push(allowAddresses(config.ipAllowlist, refusals));
  if (!authConfigured(auth) && !config.allowInsecure && !config.trustProxy) checks.push(guardOpenServer(config, refusals));
  // Every request, refused ones included, is traced for GET /inspect; the live view follows what
  // the pipeline and the handlers announce on their diagnostics channels (servers/lib/observe).
  const feed = options.inspectFeed ?? new InspectFeed({ logger });
  observeSteps();
  if (options.handlerSteps) recordHandlerSteps();
  app.use(admitRequest({ feed, headers: securityHeaders(), checks }));
  const limits = config.rateLimitPerMin > 0 ? limitRate(config.rateLimitPerMin, refusals, authConfigured(auth)) : undefined;
  if (limits) app.use(limits.beforeAuthentication);

  const router = express.Router();
  const table = eventTable(options);
  router.post('/events', receiveWebhook({ server, logger, table, journal, refusals, auth, limits, bodyLimitBytes: config.bodyLimitBytes }));
  addJournalRoutes(router, journal, config);
  addInspectRoutes(router, { server, feed, journal, config });
  router.all('/events', methodNotAllowed(['GET', 'HEAD', 'POST']));
  router.all('/events/:id', methodNotAllowed(['GET', 'HEAD']));
  router
    .route('/health')
    .get((_req, res) => {
      res.json({
        status: 'ok',
        server,
        uptime_s: Math.round(process.uptime()),
        events: table.supported,
        ...options.health?.(),
      });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  options.routes?.(router);

  app.use(router);
  app.use(notFound());
  app.use(errorHandler(logger));
  return { app, server, refusals, inspectFeed: feed, stopping: () => feed.close(), close };
}
