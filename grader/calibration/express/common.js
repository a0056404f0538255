// Shared pieces of the four webhook servers: settings from the environment, logging in the
// lab's format, checking the sender, and reading an event safely.
//
// CALIBRATION_DISABLE (comma-separated) switches features off, so the grader's calibration tests
// can check that each missing feature costs its points: validation, json-errors, token, hmac,
// unknown-event, upstream-errors, timeout, deck, device-errors, interface-validation, close-loop.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const express = require('express');

const WEBHOOK_TOKEN = process.env.WEBHOOK_TOKEN || '';
const WEBHOOK_SECRET = process.env.WEBHOOK_SECRET || '';
const disabled = new Set(
  (process.env.CALIBRATION_DISABLE || '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const enabled = (feature) => !disabled.has(feature);

function makeLogger(name) {
  const dir = process.env.LOG_DIR || 'logs';
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}_webhook.log`);
  return (type, fields = {}) => {
    const value = (v) => (/^[A-Za-z0-9._:/@+-]+$/.test(String(v)) ? String(v) : JSON.stringify(String(v)));
    const line = `${type} ${Object.entries({ ...fields, ts: new Date().toISOString() })
      .map(([k, v]) => `${k}=${value(v)}`)
      .join(' ')}`;
    console.log(line);
    fs.appendFileSync(file, `${line}\n`);
  };
}

// Equal strings, compared in constant time.
function same(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

// Either proof is enough: the bearer token, or an HMAC-SHA256 of the raw body (X-Hub-Signature-256).
function senderIsTrusted(req) {
  const useToken = WEBHOOK_TOKEN && enabled('token');
  const useSecret = WEBHOOK_SECRET && enabled('hmac');
  if (!useToken && !useSecret) return true;
  if (useToken && same(req.get('authorization') || '', `Bearer ${WEBHOOK_TOKEN}`)) return true;
  if (useSecret) {
    const expected =
      'sha256=' +
      crypto
        .createHmac('sha256', WEBHOOK_SECRET)
        .update(req.rawBody || Buffer.alloc(0))
        .digest('hex');
    if (same(req.get('x-hub-signature-256') || '', expected)) return true;
  }
  return false;
}

// An app whose POST /events hands `handle` a checked event; errors answer JSON.
function webhookApp(name, handle) {
  const log = makeLogger(name);
  const app = express();
  // Keep the exact bytes: the signature is computed over them.
  app.use(
    express.json({
      verify: (req, _res, buf) => {
        req.rawBody = buf;
      },
    }),
  );
  app.post('/events', async (req, res) => {
    if (!senderIsTrusted(req)) {
      log('SECURITY', { reason: 'untrusted sender', source: req.ip });
      return res.status(401).json({ error: 'send the bearer token or a valid X-Hub-Signature-256' });
    }
    const body = req.body;
    if (
      enabled('validation') &&
      (typeof body !== 'object' || body === null || Array.isArray(body) || typeof body.event !== 'string' || !body.event)
    ) {
      log('WEBHOOK_REJECTED', { reason: 'no event' });
      return res.status(422).json({ error: 'the body must be a JSON object with a string field "event"' });
    }
    log('WEBHOOK_RECEIVED', { event: body.event, bytes: (req.rawBody || '').length, source: req.ip });
    const answer = await handle(body, log);
    res.status(answer.status || 200).json(answer.body);
  });
  // express.json() fails on a body that is not JSON: say so, as JSON.
  app.use((err, _req, res, next) => {
    if (enabled('json-errors') && err.type === 'entity.parse.failed')
      return res.status(400).json({ error: `the body is not valid JSON: ${err.message}` });
    next(err);
  });
  return { app, log };
}

function unrecognized(event) {
  if (enabled('unknown-event')) return { body: { status: 'unrecognized event', event } };
  return { status: 400, body: { error: `unknown event ${event}` } };
}

function listen(app) {
  const port = Number(process.argv[2] || process.env.PORT || 8000);
  app.listen(port, process.env.HOST || '127.0.0.1', () => console.log(`listening on ${port}`));
}

module.exports = { enabled, webhookApp, unrecognized, listen };
