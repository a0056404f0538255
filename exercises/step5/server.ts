import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import Joi from 'joi';
import { checkPayload } from '../kit/check-payload';
import { parseJson, rawJsonBody } from '../kit/json-body';
import { finishApp, notImplemented } from '../kit/json-errors';
import { runServer, type ServerDeps } from '../kit/run-server';

/**
 * Step 5 — only trusted senders: the step-1 listener, behind a bearer token or an HMAC signature.
 *
 *   read:  INSTRUCTIONS.md, "Step 5", "Build it" (the numbers below are its list)
 *   run:   npm run exercise -- 5        check: npm run check -- 5
 *
 * Given: the listener (kit/), env.webhookToken (WEBHOOK_TOKEN), env.webhookSecret
 * (WEBHOOK_SECRET), and req.body as the exact bytes received (a Buffer).
 */
const eventSchema = Joi.object({ event: Joi.string().max(100).required(), timestamp: Joi.string().isoDate() })
  .unknown(true)
  .required();

export function buildApp({ env, log }: ServerDeps): Express {
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'basic' });
  });

  /** Runs before the body is parsed: a request that cannot prove its sender is never read. */
  function checkSender(req: Request, res: Response, next: NextFunction): void {
    // TODO (1) Authorization: Bearer <env.webhookToken>, compared in constant time.
    // TODO (2) X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of req.body with env.webhookSecret>, constant time.
    // TODO (3) either proof is enough → next(); otherwise 401 UNAUTHORIZED and a SECURITY log line
    //          (never log the token, the secret or the signature).
    notImplemented(res, 5);
  }

  app.post('/events', rawJsonBody(), checkSender, (req, res) => {
    const { event } = checkPayload(eventSchema, parseJson(req.body));
    log('WEBHOOK_RECEIVED', { event, bytes: req.body.length, source: req.ip });
    res.json({ status: 'ok', event, received_at: new Date().toISOString() });
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'basic', port: 8000 }, buildApp);
