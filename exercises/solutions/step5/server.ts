import crypto from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import Joi from 'joi';
import { checkPayload } from '../../kit/check-payload';
import { parseJson, rawJsonBody } from '../../kit/json-body';
import { finishApp, sendError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';

/** Step 5, solved: the step-1 listener, behind a bearer token or an HMAC-SHA256 signature. */
const eventSchema = Joi.object({ event: Joi.string().max(100).required(), timestamp: Joi.string().isoDate() })
  .unknown(true)
  .required();

/**
 * Compares in constant time: `===` stops at the first wrong character, and how long it took
 * tells an attacker how much of their guess was right. timingSafeEqual throws on different
 * lengths, so check those first (the length of a token is not the secret).
 */
function sameText(received: string, expected: string): boolean {
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** GitHub's format: "sha256=" + the hex HMAC-SHA256 of the exact body bytes, keyed with the secret. */
function signatureOf(body: Buffer, secret: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function buildApp({ env, log }: ServerDeps): Express {
  if (!env.webhookToken && !env.webhookSecret) {
    log('SECURITY', { warning: 'no WEBHOOK_TOKEN or WEBHOOK_SECRET is set: every event will be refused' });
  }
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'basic' });
  });

  function checkSender(req: Request, res: Response, next: NextFunction): void {
    const authorization = req.get('authorization') ?? '';
    const signature = req.get('x-hub-signature-256') ?? '';
    // (1) and (2): each proof counts only when this server was given the matching secret.
    const tokenOk = env.webhookToken !== undefined && sameText(authorization, `Bearer ${env.webhookToken}`);
    const signatureOk = env.webhookSecret !== undefined && sameText(signature, signatureOf(req.body, env.webhookSecret));
    // (3) Either proof is enough.
    if (tokenOk || signatureOk) return next();
    // Say what was wrong, never what was sent: the log must not hold a credential.
    log('SECURITY', { reason: authorization || signature ? 'wrong_credentials' : 'no_credentials', source: req.ip, path: req.path });
    sendError(res, 401, 'UNAUTHORIZED', 'Send a valid bearer token or X-Hub-Signature-256 signature.');
  }

  // The raw bytes first (the signature covers them exactly), then the sender, then the JSON.
  app.post('/events', rawJsonBody(), checkSender, (req, res) => {
    const { event } = checkPayload(eventSchema, parseJson(req.body));
    log('WEBHOOK_RECEIVED', { event, bytes: req.body.length, source: req.ip });
    res.json({ status: 'ok', event, received_at: new Date().toISOString() });
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'basic', port: 8000 }, buildApp);
