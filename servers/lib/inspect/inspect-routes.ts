import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { requireReadAccess } from '../security/require-read-access';
import { methodNotAllowed } from '../pipeline/error-handler';
import type { JournalStore } from '../journal/journal-store';
import type { JournalEntry } from '../journal/event-journal';
import type { AppConfig, ServerName } from '../config/load-config';
import { EventStream } from '../../../common/event-stream/event-stream';
import { StreamSlots, type StreamLimits } from '../../../common/event-stream/stream-slots';
import { formatTraces, newestWithin } from './feed-messages';
import { takeStreamSlot } from './take-stream-slot';
import type { RequestTrace } from './request-trace';
import type { InspectFeed } from './inspect-feed';
import { pageCsp } from './page-csp';
import { EVENT_STAGES, pipelineSettings } from './trace-stages';
import { journalView } from './trace-view';

/** The page's files: plain HTML, CSS and ES modules, no build step. */
export const PUBLIC_DIR = path.join(__dirname, 'public');
/** The one library the page imports, served from node_modules as the ES module it ships (no CDN: the lab works offline). */
const EVENTSOURCE_PARSER = path.join(path.dirname(require.resolve('eventsource-parser/package.json')), 'dist', 'index.js');

/** GET <assets>/vendor/eventsource-parser.js: the library beside the page's own files. */
export function servePageLibraries(): Router {
  const vendor = express.Router();
  vendor.get('/vendor/eventsource-parser.js', (_req, res) => res.type('text/javascript').sendFile(EVENTSOURCE_PARSER));
  return vendor;
}
const PAYLOAD_DIR = path.resolve(__dirname, '../../../payloads');
/** What a page gets when it (re)opens: the newest traces, and journaled events older than them… */
const BACKLOG_TRACES = 200;
const BACKLOG_JOURNAL = 100;
/** …at most this much of them, the newest first (each trace or event is cut to 64 KB a part already). */
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;

export interface InspectRouteOptions {
  server: ServerName;
  feed: InspectFeed;
  journal: JournalStore;
  config: Readonly<AppConfig>;
  /** How many pages may watch at once (per address, in all). */
  streamLimits?: StreamLimits;
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
export function addInspectRoutes(router: Router, { server, feed, journal, config, streamLimits }: InspectRouteOptions): void {
  const settings = pipelineSettings(config);
  const guard = requireReadAccess(config, 'The live view');
  const csp = pageCsp();
  const slots = new StreamSlots(streamLimits);
  const formatted = formatTraces(settings, feed.boot);

  router
    .route('/inspect')
    .get(csp, (_req, res) => res.sendFile(path.join(PUBLIC_DIR, 'inspect.html')))
    .all(methodNotAllowed(['GET', 'HEAD']));
  router.use('/inspect/assets', csp, servePageLibraries(), express.static(PUBLIC_DIR, { index: false, redirect: false }));

  router
    .route('/inspect/feed')
    .get(guard, async (req, res) => {
      const release = takeStreamSlot(slots, req);
      const stream = new EventStream(res);
      stream.onClose(release);
      stream.send('hello', { server, boot: feed.boot, auth: { token: settings.token, secret: settings.secret }, stages: EVENT_STAGES });
      const resume = resumeAfter(req.get('last-event-id'), feed.boot);
      // The journal is read first (it may be Redis, over the network); then the traces are taken
      // and the live watch starts with no wait in between, so nothing that happens meanwhile is
      // missed: what arrives while the backlog is sent waits, and follows it.
      const journaled =
        resume === undefined
          ? await Promise.resolve()
              .then(() => journal.list(BACKLOG_JOURNAL))
              .catch((): JournalEntry[] => [])
          : [];
      const traces = feed.recent(resume).slice(-BACKLOG_TRACES);
      const waiting = new Map<number, RequestTrace>();
      let live = false;
      const show = (t: RequestTrace): void => {
        if (live) stream.sendFormatted(formatted(t));
        else if (waiting.size < BACKLOG_TRACES) waiting.set(t.seq, t);
        else stream.end(); // so much arrives while the backlog is read: the page reconnects and resumes
      };
      stream.onClose(feed.watch({ trace: show, close: () => stream.end() }));

      try {
        const traced = new Set(traces.map((t) => t.eventId));
        // Older than what memory holds (a restart, or long ago): the journal's record, oldest first.
        const older = journaled.filter((e) => !traced.has(e.id)).reverse();
        const backlog = newestWithin(MAX_BACKLOG_BYTES, [
          ...older.map((entry) => () => EventStream.format('journal', journalView(entry))),
          ...traces.map((t) => () => formatted(t)),
        ]);
        for (const text of backlog.texts) await stream.sendPaced(text);
        stream.send('ready', { traces: traces.length, ...(backlog.left > 0 && { left_out: backlog.left }) }); // what follows is live
        live = true;
        for (const t of waiting.values()) show(t);
        waiting.clear();
      } catch (err) {
        // Only this page's stream ends; the server and every other page go on.
        feed.reportFailure('backlog', err);
        stream.end();
      }
    })
    .all(methodNotAllowed(['GET', 'HEAD']));

  router
    .route('/inspect/payloads')
    .get(guard, (_req, res) => {
      res.json({ payloads: readPayloads() });
    })
    .all(methodNotAllowed(['GET', 'HEAD']));
}
