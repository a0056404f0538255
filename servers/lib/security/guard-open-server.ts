import { AppError } from '../errors';
import type { RefusalLog } from './refusal-log';
import type { RequestCheck } from './request-check';
import { isLocalClient } from './is-local-client';
import type { AppConfig } from '../config/load-config';

/**
 * A server with no WEBHOOK_TOKEN/WEBHOOK_SECRET is only safe because nobody but this machine can
 * reach it (check-exposure.ts refuses to bind anything else). A tunnel (ngrok) or local reverse
 * proxy breaks that promise while every request still comes from 127.0.0.1: such a request
 * carries Forwarded / X-Forwarded-For / X-Real-IP, and is refused — unless TRUST_PROXY=true (you
 * run the proxy and decide who reaches it) or ALLOW_INSECURE=true (you accept the risk).
 * Installed only on a server that runs open.
 */
export function guardOpenServer(config: Readonly<AppConfig>, refusals: RefusalLog): RequestCheck {
  return (req, res) => {
    if (isLocalClient(req, config)) return;
    refusals.refuse(req, res, 'proxied_request_to_open_server');
    throw new AppError(
      'FORBIDDEN',
      'This server runs without authentication, so it answers this machine only, not a request forwarded by a proxy or tunnel. Set WEBHOOK_TOKEN or WEBHOOK_SECRET.',
    );
  };
}
