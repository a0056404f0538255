import type { RequestHandler, Router } from 'express';
import { AppError } from './errors';
import { safeEqual } from './webhook-signatures';
import { isLoopbackHost } from './check-exposure';
import type { EventJournal } from './event-journal';
import type { AppConfig } from './load-config';

const MAX_PAGE = 200;

function isLoopbackAddress(ip: string | undefined): boolean {
  return ip !== undefined && (isLoopbackHost(ip) || /^::ffff:127\./.test(ip));
}

/**
 * Who may read the journal: with WEBHOOK_TOKEN, whoever presents it; with only a secret (a GET
 * has no body to sign), loopback clients only; with no authentication, whoever may reach the
 * server at all (loopback unless ALLOW_INSECURE).
 */
export function requireJournalAccess(config: Readonly<AppConfig>): RequestHandler {
  return (req, _res, next) => {
    if (config.webhookToken) {
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
      if (presented !== undefined && safeEqual(presented, config.webhookToken)) return next();
      throw new AppError('UNAUTHORIZED', 'Reading the event journal needs the bearer token.');
    }
    if (config.webhookSecrets.length > 0 && !isLoopbackAddress(req.ip)) {
      throw new AppError('FORBIDDEN', 'The event journal is readable from this machine only.');
    }
    next();
  };
}

/** GET /events (newest first, ?limit=&before=<id>) and GET /events/:id. */
export function addJournalRoutes(router: Router, journal: EventJournal, config: Readonly<AppConfig>): void {
  const guard = requireJournalAccess(config);
  router.get('/events', guard, (req, res) => {
    const limitText = typeof req.query.limit === 'string' ? req.query.limit : '50';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new AppError('VALIDATION_FAILED', undefined, { details: [{ field: 'limit', message: `limit must be an integer from 1 to ${MAX_PAGE}` }] });
    }
    const before = typeof req.query.before === 'string' ? req.query.before : undefined;
    const events = journal.list(limit, before);
    const last = events.at(-1);
    const more = last !== undefined && journal.list(1, last.id).length > 0;
    res.json({ events, count: events.length, next_before: more ? last.id : null });
  });
  router.get('/events/:id', guard, (req, res) => {
    const entry = journal.get(String(req.params.id));
    if (!entry) throw new AppError('NOT_FOUND', 'No event with that id in the journal.');
    res.json(entry);
  });
}
