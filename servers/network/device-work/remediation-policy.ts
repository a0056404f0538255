import type { AppConfig } from '../../lib/config/load-config';
import { authConfigured } from '../../lib/security/authenticate-webhook';
import type { EventContext } from '../../lib/pipeline/request-context';

/** How the device the event names was shown to stand behind it (see confirm-sender.ts). */
export type ConfirmedBy = 'device_signature' | 'device_log';

export type RemediationPolicy = { allowed: true; confirmedBy?: ConfirmedBy } | { allowed: false; reason: string };

/**
 * Whether this event may change a device. Diagnostics only read; `no shutdown` writes, so it
 * needs both AUTO_REMEDIATE=true and a sender that proved who it is — on a server running open,
 * anyone who can reach it could otherwise reconfigure the network.
 */
export function remediationPolicy(
  config: Pick<AppConfig, 'autoRemediate' | 'webhookToken' | 'webhookSecrets'>,
  ctx: Pick<EventContext, 'authenticated'>,
): RemediationPolicy {
  if (!config.autoRemediate) return { allowed: false, reason: 'AUTO_REMEDIATE is off: diagnostics only.' };
  if (!authConfigured(config)) {
    return {
      allowed: false,
      reason:
        'The server runs open (no WEBHOOK_TOKEN or WEBHOOK_SECRET): it never changes a device for an unauthenticated sender. Diagnostics only.',
    };
  }
  if (!ctx.authenticated) return { allowed: false, reason: 'The sender did not authenticate: diagnostics only.' };
  return { allowed: true };
}
