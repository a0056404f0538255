import type { Request, RequestHandler } from 'express';
import { AppError } from './errors';
import { safeEqual } from './webhook-signatures';
import { isLoopbackHost } from './check-exposure';
import type { AppConfig } from './load-config';

function isLoopbackAddress(ip: string | undefined): boolean {
  return ip !== undefined && (isLoopbackHost(ip) || /^::ffff:127\./.test(ip));
}

/**
 * Who may read what a server keeps (its event journal, its job results): with WEBHOOK_TOKEN,
 * whoever presents it; with only a secret (a GET has no body to sign), loopback clients only;
 * with no authentication, whoever may reach the server at all (loopback unless ALLOW_INSECURE).
 */
export function requireReadAccess(config: Readonly<AppConfig>, what: string, hint?: (req: Request) => string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (config.webhookToken) {
      const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.get('authorization') ?? '')?.[1];
      if (presented !== undefined && safeEqual(presented, config.webhookToken)) return next();
      const extra = hint?.(req);
      throw new AppError('UNAUTHORIZED', `${what} needs the bearer token.${extra ? ` ${extra}` : ''}`);
    }
    if (config.webhookSecrets.length > 0 && !isLoopbackAddress(req.ip)) {
      throw new AppError('FORBIDDEN', `${what} is allowed from this machine only.`);
    }
    next();
  };
}

