import express, { type RequestHandler } from 'express';
import { AppError } from './errors';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * Reads the body as raw bytes, once: signatures are computed over exactly these bytes, and
 * the same buffer is parsed later. Only JSON in UTF-8 is accepted (415 otherwise), and nothing
 * larger than `limitBytes` is read (413, before the body is buffered when Content-Length says so).
 */
export function readRawJsonBody(limitBytes: number): RequestHandler[] {
  const checkType: RequestHandler = (req, _res, next) => {
    const type = req.get('content-type');
    const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
    if (!hasBody && !type) throw new AppError('INVALID_JSON', 'The request body is empty: send a JSON event.');
    if (!req.is(['application/json', 'application/*+json'])) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send JSON with Content-Type: application/json (got ${JSON.stringify((type ?? 'none').slice(0, 60))}).`);
    }
    const charset = CHARSET.exec(type ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'JSON must be UTF-8 (RFC 8259).');
    }
    next();
  };
  const readRaw = express.raw({ type: () => true, limit: limitBytes, inflate: false });
  const keepRaw: RequestHandler = (req, res, next) => {
    res.locals.rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    next();
  };
  return [checkType, readRaw, keepRaw];
}
