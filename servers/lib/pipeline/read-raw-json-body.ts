import type { Request, Response } from 'express';
import getRawBody from 'raw-body';
import { AppError } from '../errors';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;
const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/** 415 unless the request says it carries JSON in UTF-8 (RFC 8259 §8.1), uncompressed. */
function checkContentType(type: string | undefined, encoding: string | undefined): void {
  if (!JSON_TYPE.test(type ?? '')) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send JSON with Content-Type: application/json (got ${JSON.stringify((type ?? 'none').slice(0, 60))}).`,
    );
  }
  const charset = CHARSET.exec(type ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'JSON must be UTF-8 (RFC 8259).');
  }
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Encoding ${JSON.stringify(encoding.slice(0, 20))} is not accepted; send the JSON uncompressed.`,
    );
  }
}

/**
 * Reads the body as raw bytes, once (raw-body): signatures are computed over exactly these
 * bytes and the same buffer is parsed later (it is also kept as `res.locals.rawBody` for the live
 * view). Only JSON in UTF-8 is read, and never more than `limitBytes` (413 — before reading
 * anything when Content-Length already says so).
 */
export async function readRawJsonBody(req: Request, res: Response, limitBytes: number): Promise<Buffer> {
  const type = req.headers['content-type'];
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody && type === undefined) throw new AppError('INVALID_JSON', 'The request body is empty: send a JSON event.');
  checkContentType(type, req.headers['content-encoding']);
  try {
    res.locals.rawBody = await getRawBody(req, { length, limit: limitBytes });
    return res.locals.rawBody;
  } catch (err) {
    // An unread remainder would otherwise be parsed as the next request on this connection.
    res.setHeader('Connection', 'close');
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large')
      throw new AppError('PAYLOAD_TOO_LARGE', `The body is larger than ${limitBytes} bytes (BODY_LIMIT).`, { cause: err });
    throw new AppError('INVALID_JSON', 'The request body could not be read completely.', { cause: err });
  }
}
