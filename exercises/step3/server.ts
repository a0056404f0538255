import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../kit/check-payload';
import { jsonBody } from '../kit/json-body';
import { finishApp, notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 3 — state across events: CardDraw {count?} draws from ONE deck that lasts between events.
 *
 *   read:  INSTRUCTIONS.md, "Step 3", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 3        check: npm run check -- 3
 *
 * Given: what you built in steps 1 and 2 (kit/), and env.cardApiUrl (CARD_API_URL),
 * env.upstreamTimeoutMs. Throw `new HttpError(status, code, message)` to answer with an error.
 */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();

export function buildApp({ env, log }: ServerDeps): Express {
  // TODO (1) an axios client for the card API (as in step 2), and the deck: where does it live?

  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'card' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (event !== 'CardDraw') {
      res.json({ status: 'ignored', reason: `The card server does not handle ${event} events.`, supported: ['CardDraw'] });
      return;
    }
    // TODO (2) validate `count`: optional, a whole number from 1 to 52 (default 1).
    // TODO (3) draw from the deck you keep; a new shuffled deck the first time, and when too few cards remain.
    // TODO (4) answer {"card": "6 of CLUBS", "cards": [...], "remaining": N, "deck_id": ...}; failures 502/504 as in step 2.
    notImplemented(res, 3);
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'card', port: 8002 }, buildApp);
