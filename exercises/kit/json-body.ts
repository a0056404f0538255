import express, { type RequestHandler } from 'express';
import { HttpError, sendError } from './json-errors';

/** Largest event accepted: a webhook is a small notice, not an upload (413 beyond). */
export const BODY_LIMIT = '100kb';

/**
 * Reads a JSON body into `req.body` (what you wrote in step 1): anything that is not
 * `Content-Type: application/json` is refused 415; malformed JSON and bodies over 100 kB become
 * 400 / 413 in `finishApp`'s error handler.
 */
export function jsonBody(): RequestHandler {
  const parse = express.json({ limit: BODY_LIMIT });
  return (req, res, next) => {
    if (!req.is('application/json'))
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the event as JSON (Content-Type: application/json).');
    parse(req, res, next);
  };
}

/**
 * Like `jsonBody`, but keeps the body as the exact bytes received (a Buffer in `req.body`):
 * a signature is computed over those bytes, not over JSON you re-serialise. Parse it after
 * checking the sender, with `parseJson`.
 */
export function rawJsonBody(): RequestHandler {
  const read = express.raw({ type: 'application/json', limit: BODY_LIMIT });
  return (req, res, next) => {
    if (!req.is('application/json'))
      return sendError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the event as JSON (Content-Type: application/json).');
    read(req, res, next);
  };
}

/** The raw bytes as JSON; malformed JSON throws 400 INVALID_JSON. */
export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'The request body is not valid JSON.');
  }
}
