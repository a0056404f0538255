import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../kit/check-payload';
import { jsonBody } from '../kit/json-body';
import { finishApp, notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 2 — an event triggers an API call: JokeRequest {term?} → the joke API → {"joke": ...}.
 *
 *   read:  INSTRUCTIONS.md, "Step 2", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 2        check: npm run check -- 2
 *
 * Given: what you built in step 1 (jsonBody, checkPayload, finishApp: kit/), and the
 * environment: env.jokeApiUrl (JOKE_API_URL), env.upstreamTimeoutMs (UPSTREAM_TIMEOUT_MS).
 * Throw `new HttpError(status, code, message)` (kit/json-errors.ts) to answer with an error.
 */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();

export function buildApp({ env, log }: ServerDeps): Express {
  // TODO (1) one axios client for the joke API: baseURL, Accept: application/json, and a timeout.

  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'joke' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (event !== 'JokeRequest') {
      // A 2xx, so that the sender does not retry an event this server will never handle.
      res.json({ status: 'ignored', reason: `The joke server does not handle ${event} events.`, supported: ['JokeRequest'] });
      return;
    }
    // TODO (2) validate `term`: an optional, non-empty string (checkPayload + a joi schema).
    // TODO (3) GET / (or /search?term=...) and answer {"joke": ..., "source": "icanhazdadjoke"}.
    // TODO (4) map failures: 5xx, garbage or refused → 502; too slow → 504 (HttpError).
    notImplemented(res, 2);
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'joke', port: 8001 }, buildApp);
