import crypto from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import Joi from 'joi';
import { sendError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';

/** Step 1, solved: receive an event, check it, log one line, acknowledge at once. */

// Any JSON object naming its event; the other fields are the event's own business.
const eventSchema = Joi.object({ event: Joi.string().max(100).required(), timestamp: Joi.string().isoDate() })
  .unknown(true)
  .required();

export function buildApp({ log }: ServerDeps): Express {
  const app = express();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'basic' });
  });

  // (1) express.json parses only a JSON Content-Type, and refuses a body over the limit (413).
  app.post('/events', express.json({ limit: '100kb' }), (req, res) => {
    if (!req.is('application/json')) {
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the event as JSON (Content-Type: application/json).');
    }
    // (2) abortEarly: false reports every bad field, not just the first.
    const { error, value } = eventSchema.validate(req.body, { abortEarly: false });
    if (error) {
      const details = error.details.map((d) => ({ field: d.path.join('.'), message: d.message }));
      return sendError(res, 422, 'VALIDATION_FAILED', 'The event does not match the expected shape.', details);
    }
    // (3) One event, one line: every value the sender chose is quoted and escaped by the formatter.
    const id = crypto.randomUUID();
    log('WEBHOOK_RECEIVED', {
      event: value.event,
      device: value.device,
      interface: value.interface,
      bytes: req.get('content-length'),
      source: req.ip,
      id,
    });
    // (4) The sender is waiting: acknowledge now; any real work would happen after this.
    res.json({ status: 'ok', id, event: value.event, received_at: new Date().toISOString() });
  });

  // (5) Routes are tried in order, so these come last: a wrong method, then any other path.
  app.all('/events', (req, res) => {
    res.set('Allow', 'POST');
    sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on /events; send POST.`);
  });
  app.use((req, res) => {
    sendError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${req.path}.`);
  });
  // Four arguments make it an error handler: express.json's errors arrive here.
  app.use((err: { type?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return sendError(res, 400, 'INVALID_JSON', 'The request body is not valid JSON.');
    if (err.type === 'entity.too.large') return sendError(res, 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large (100 kB at most).');
    log('ERROR', { path: req.path, reason: String(err) });
    sendError(res, 500, 'INTERNAL', 'Something went wrong on our side.');
  });
  return app;
}

if (require.main === module) runServer({ name: 'basic', port: 8000 }, buildApp);
