import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { requireReadAccess } from '../security/require-read-access';
import { methodNotAllowed } from '../pipeline/error-handler';
import type { JournalStore } from '../journal/journal-store';
import type { JournalEntry } from '../journal/event-journal';
import type { AppConfig, ServerName } from '../config/load-config';
import { EventStream } from './event-stream';
import type { InspectFeed } from './inspect-feed';
import { pageCsp } from './page-csp';
import { EVENT_STAGES, pipelineSettings } from './trace-stages';
import { journalView, traceView } from './trace-view';

/** The page's files: plain HTML, CSS and ES modules, no build step. */
export const PUBLIC_DIR = path.join(__dirname, 'public');
const PAYLOAD_DIR = path.resolve(__dirname, '../../../payloads');
/** What a page gets when it (re)opens: the newest traces, and journaled events older than them. */
const BACKLOG_TRACES = 200;
const BACKLOG_JOURNAL = 100;

export interface InspectRouteOptions {
  server: ServerName;
  feed: InspectFeed;
  journal: JournalStore;
  config: Readonly<AppConfig>;
}

/** The sample events of payloads/, for "edit and send". */
export function readPayloads(dir = PAYLOAD_DIR): Array<{ name: string; body: string }> {
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((name) => ({ name, body: fs.readFileSync(path.join(dir, name), 'utf8') }));
  } catch {
    return [];
  }
}

/** `<boot>:<seq>`, the id of each trace message: a reconnect resumes after it, on the same run of the server only. */
function resumeAfter(lastEventId: string | undefined, boot: string): number | undefined {
  const [from, seq] = (lastEventId ?? '').split(':');
  return from === boot && /^\d+$/.test(seq ?? '') ? Number(seq) : undefined;
}

/**
 * GET /inspect: the live view of every request this server gets. The page and its files hold no
 * data (a browser cannot send a bearer token when it opens a URL); what it shows comes from
 * GET /inspect/feed and GET /inspect/payloads, which follow the journal's read rule
 * (require-read-access.ts): the token when WEBHOOK_TOKEN is set, loopback only with just a secret.
 */
export function addInspectRoutes(router: Router, { server, feed, journal, config }: InspectRouteOptions): void {
  const settings = pipelineSettings(config);
  const guard = requireReadAccess(config, 'The live view');
  const csp = pageCsp();

  router
    .route('/inspect')
    .get(csp, (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'inspect.html')))
    .all(methodNotAllowed(['GET', 'HEAD']));
  router.use('/inspect/assets', csp, express.static(PUBLIC_DIR, { index: false, redirect: false }));

  router
    .route('/inspect/feed')
    .get(guard, async (req, res) => {
      const stream = new EventStream(res);
      stream.send('hello', { server, boot: feed.boot, auth: { token: settings.token, secret: settings.secret }, stages: EVENT_STAGES });
      const resume = resumeAfter(req.get('last-event-id'), feed.boot);
      // The journal is read first (it may be Redis, over the network), then the traces and the
      // live watch with no wait in between, so nothing that happens meanwhile is missed.
      const journaled =
        resume === undefined
          ? await Promise.resolve()
              .then(() => journal.list(BACKLOG_JOURNAL))
              .catch((): JournalEntry[] => [])
          : [];
      const traces = feed.recent(resume).slice(-BACKLOG_TRACES);
      if (resume === undefined) {
        // Older than what memory holds (a restart, or long ago): the journal's record, oldest first.
        const traced = new Set(traces.map((t) => t.eventId));
        const older = journaled.filter((e) => !traced.has(e.id)).reverse();
        for (const entry of older) stream.send('journal', journalView(entry));
      }
      const show = (t: (typeof traces)[number]): void => stream.send('trace', traceView(t, settings), `${feed.boot}:${t.seq}`);
      traces.forEach(show);
      stream.send('ready', { traces: traces.length }); // the backlog is complete: what follows is live
      stream.onClose(feed.watch({ trace: show, close: () => stream.end() }));
    })
    .all(methodNotAllowed(['GET', 'HEAD']));

  router
    .route('/inspect/payloads')
    .get(guard, (_req, res) => {
      res.json({ payloads: readPayloads() });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
}
