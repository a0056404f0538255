import { authConfigured } from './authenticate-webhook';
import { ConfigError, type AppConfig } from '../config/load-config';
import type { EventLogger } from '../../../common/logging/create-logger';
import { isLoopbackHost } from '../../../common/net/loopback';

/**
 * Safe by default: a server reachable from other machines must authenticate its senders.
 * Binding a non-loopback address with no WEBHOOK_TOKEN/WEBHOOK_SECRET refuses to start unless
 * ALLOW_INSECURE=true says the risk is understood; running open anywhere is logged.
 */
export function checkExposure(config: Readonly<AppConfig>, logger: EventLogger): void {
  const guarded = authConfigured({ webhookToken: config.webhookToken, webhookSecrets: config.webhookSecrets });
  if (guarded) return;
  if (!isLoopbackHost(config.host)) {
    if (!config.allowInsecure) {
      throw new ConfigError(
        `Refusing to listen on ${config.host} without authentication: set WEBHOOK_TOKEN or WEBHOOK_SECRET ` +
          '(or ALLOW_INSECURE=true to accept the risk), or bind HOST=127.0.0.1.',
      );
    }
    logger.log('SECURITY', {
      warning: 'insecure_exposure',
      host: config.host,
      detail: 'no authentication on a non-loopback address (ALLOW_INSECURE=true)',
    });
    return;
  }
  logger.log('SECURITY', {
    warning: 'no_authentication',
    detail: 'set WEBHOOK_TOKEN or WEBHOOK_SECRET to require senders to prove who they are',
  });
}
