import type { Request, Router } from 'express';
import { AppError } from '../errors';
import { requireReadAccess } from '../security/require-read-access';
import type { JournalStore } from './journal-store';
import type { AppConfig } from '../config/load-config';

const MAX_PAGE = 200;

/**
 * A GET on /events with no credentials is most often a curl that forgot `-X POST` (curl sends
 * GET when there is no -d): the answer says how to send an event.
 */
export function sendHint(req: Request): string | undefined {
  if (req.get('authorization') !== undefined) return undefined;
  const url = `${req.protocol}://${req.get('host') ?? 'localhost'}/events`;
  return `GET lists the events this server received. To send one, POST it as JSON: curl -X POST ${url} -H "Content-Type: application/json" -d '{"event": "Test"}'`;
}

/** GET /events (newest first, ?limit=&before=<id>) and GET /events/:id. */
export function addJournalRoutes(router: Router, journal: JournalStore, config: Readonly<AppConfig>): void {
  const guard = requireReadAccess(config, 'Reading the event journal', sendHint);
  router.get('/events', guard, async (req, res) => {
    const limitText = typeof req.query.limit === 'string' ? req.query.limit : '50';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new AppError('VALIDATION_FAILED', undefined, {
        details: [{ field: 'limit', message: `limit must be an integer from 1 to ${MAX_PAGE}` }],
      });
    }
    const before = typeof req.query.before === 'string' ? req.query.before : undefined;
    const events = await journal.list(limit, before);
    const last = events.at(-1);
    const more = last !== undefined && (await journal.list(1, last.id)).length > 0;
    res.json({ events, count: events.length, next_before: more ? last.id : null, hint: sendHint(req) });
  });
  router.get('/events/:id', guard, async (req, res) => {
    const entry = await journal.get(String(req.params.id));
    if (!entry) throw new AppError('NOT_FOUND', 'No event with that id in the journal.');
    res.json(entry);
  });
}
