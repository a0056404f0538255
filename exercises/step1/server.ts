import express, { type Express } from 'express';
import { notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 1 — the listener: a sender POSTs an event to /events; check it, log it, say "got it".
 *
 *   read:  INSTRUCTIONS.md, "Step 1", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 1        check: npm run check -- 1
 *
 * Given: `log(type, fields)` writes one line in the lab's format (kit/log-line.ts), and
 * `sendError(res, status, code, message, details)` answers in the lab's error shape
 * (kit/json-errors.ts). Yours: everything marked TODO.
 */
export function buildApp({ log }: ServerDeps): Express {
  const app = express();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'basic' });
  });

  app.post('/events', (_req, res) => {
    // TODO (1) read the body as JSON: express.json(), at most 100 kB; not JSON at all → 415.
    // TODO (2) a joi schema: `event` is a required string → else 422 VALIDATION_FAILED naming the field.
    // TODO (3) one log line per event: log('WEBHOOK_RECEIVED', { event, bytes, source }).
    // TODO (4) answer at once: 200 {"status": "ok", ...}.
    notImplemented(res, 1);
  });

  // TODO (5) any other path → 404 NOT_FOUND, and an error handler: malformed JSON → 400 INVALID_JSON.
  app.use((_req, res) => notImplemented(res, 1));
  return app;
}

if (require.main === module) runServer({ name: 'basic', port: 8000 }, buildApp);
