import type { Request, RequestHandler } from 'express';
import { AppError } from '../errors';
import { safeEqual } from '../../../common/signatures/webhook-signatures';
import { isLocalClient } from './is-local-client';
import { bearerToken } from './bearer-token';
import type { AppConfig } from '../config/load-config';

/**
 * Who may read what a server keeps (its event journal, its job results): with WEBHOOK_TOKEN,
 * whoever presents it; with only a secret (a GET has no body to sign), clients on this machine
 * only — not a request a local proxy or tunnel forwarded, nor one under another Host name; with no authentication, whoever may
 * reach the server at all (this machine unless ALLOW_INSECURE, see guard-open-server.ts).
 */
export function requireReadAccess(config: Readonly<AppConfig>, what: string, hint?: (req: Request) => string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (config.webhookToken) {
      const presented = bearerToken(req.get('authorization'));
      if (presented !== undefined && safeEqual(presented, config.webhookToken)) return next();
      const extra = hint?.(req);
      throw new AppError('UNAUTHORIZED', `${what} needs the bearer token.${extra ? ` ${extra}` : ''}`);
    }
    if (config.webhookSecrets.length > 0 && !isLocalClient(req, config)) {
      throw new AppError(
        'FORBIDDEN',
        `${what} is allowed from this machine only, as localhost or 127.0.0.1 (not through a proxy, a tunnel or another name).`,
      );
    }
    next();
  };
}
