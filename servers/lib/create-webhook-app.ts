import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { AppConfig, ServerName } from './load-config';
import type { EventLogger } from './create-logger';
import { assignRequestId } from './assign-request-id';
import { allowAddresses } from './allow-addresses';
import { limitRate } from './limit-rate';
import { authenticateWebhook } from './authenticate-webhook';
import { readRawJsonBody } from './read-raw-json-body';
import { dispatchEvent } from './dispatch-event';
import { errorHandler, methodNotAllowed, notFound } from './error-handler';
import { createJournal } from './create-journal';
import type { JournalStore } from './journal-store';
import { addJournalRoutes } from './journal-routes';
import type { EventHandler } from './reply';

export { reply, Reply, type EventHandler, type EventResult, type WebhookEvent } from './reply';

export interface WebhookAppOptions {
  server: ServerName;
  config: Readonly<AppConfig>;
  logger: EventLogger;
  /** The events this server acts on, by name. Others are acknowledged as ignored. */
  events: Record<string, EventHandler>;
  /** Aliases: another name for an event above (e.g. DeviceCheck → NetworkDeviceCheck). */
  aliases?: Record<string, string>;
  /** Handles any event not in `events` (the basic server takes them all). */
  anyEvent?: EventHandler;
  /** Extra routes (e.g. GET /jobs/:id), added after /events and /health. */
  routes?: (router: Router) => void;
  /** Resources to release when the server stops (SSH sessions, files). */
  onClose?: Array<() => Promise<void> | void>;
  /** The event journal; by default LOG_DIR/events.jsonl, or Redis when REDIS_URL is set. */
  journal?: JournalStore;
  /** More fields for GET /health (e.g. which copy answered, what it works on). */
  health?: () => Record<string, unknown>;
}

/** Data the running server needs from the app it was built from. */
export interface WebhookAppInfo {
  server: ServerName;
  onClose: Array<() => Promise<void> | void>;
}

/**
 * The pipeline every lab server shares. Order matters and is the same everywhere:
 * request id → security headers → address allow-list → rate limit → raw body (JSON only,
 * size-limited) → authentication over the raw bytes → JSON parse → validation → handler →
 * one error handler. `buildApp` in each server only declares its events.
 */
export function createWebhookApp(options: WebhookAppOptions): Express {
  const { config, logger, server } = options;
  const app = express();
  app.disable('x-powered-by');
  // TRUST_PROXY trusts exactly one hop (the proxy in front), so a client cannot pick its own
  // address by sending a longer X-Forwarded-For chain.
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.set('json spaces', 2); // students read these answers in a terminal
  const journal = options.journal ?? createJournal(config, server, logger);
  // The journal closes last: work finishing during the stop is still recorded.
  const info: WebhookAppInfo = { server, onClose: [...(options.onClose ?? []), () => journal.close()] };
  app.locals.hooklab = info;

  app.set('etag', false); // webhook answers are never cached; hashing each body is wasted work
  app.use(assignRequestId());
  app.use(helmet());
  // Checks that are switched off are not in the chain at all: nothing to pay per request.
  if (config.ipAllowlist.length > 0) app.use(allowAddresses(config.ipAllowlist, logger));
  if (config.rateLimitPerMin > 0) app.use(limitRate(config.rateLimitPerMin, logger));

  const router = express.Router();
  router.post(
    '/events',
    readRawJsonBody(config.bodyLimitBytes),
    authenticateWebhook({ webhookToken: config.webhookToken, webhookSecrets: config.webhookSecrets }, logger),
    dispatchEvent(options, journal),
  );
  addJournalRoutes(router, journal, config);
  router.all('/events', methodNotAllowed(['GET', 'HEAD', 'POST']));
  router.all('/events/:id', methodNotAllowed(['GET', 'HEAD']));
  router
    .route('/health')
    .get((_req, res) => {
      res.json({ status: 'ok', server, uptime_s: Math.round(process.uptime()), events: Object.keys(options.events), ...options.health?.() });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
  options.routes?.(router);

  app.use(router);
  app.use(notFound());
  app.use(errorHandler(logger));
  return app;
}

/** The server name and close hooks of an app built by createWebhookApp. */
export function webhookAppInfo(app: Express): WebhookAppInfo {
  return app.locals.hooklab as WebhookAppInfo;
}
