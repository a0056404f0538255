import type { DeviceSession } from '../../lib/device-client/device-session';
import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { EventContext } from '../../lib/pipeline/request-context';
import { parseShowLogging } from './parsers/parse-show-logging';
import { logStampTime, parseShowClock } from './parsers/parse-show-clock';
import { TIMESTAMP_TOLERANCE_S, standardWebhookKey, verifyStandardWebhook } from '../../../common/signatures/webhook-signatures';
import type { Diagnosis } from './diagnose-interface';
import type { RemediationPolicy } from './remediation-policy';

/**
 * How old (by the device's own clock) the device's log line may be and still vouch for an event:
 * the Standard Webhooks tolerance, which also covers a router retrying for two minutes.
 */
export const CONFIRM_WINDOW_S = TIMESTAMP_TOLERANCE_S;

function header(ctx: Pick<EventContext, 'headers'>, name: string): string | undefined {
  const value = ctx.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * True when the request carries a Standard Webhooks signature made with the named device's own
 * secret (DEVICE_WEBHOOK_SECRET, or its inventory `webhook_secret_env`). The shared
 * WEBHOOK_SECRET only says "one of ours"; this says "this very device".
 */
export function signedByDevice(spec: DeviceSpec, ctx: Pick<EventContext, 'headers' | 'rawBody'>): boolean {
  const id = header(ctx, 'webhook-id');
  const timestamp = header(ctx, 'webhook-timestamp');
  const signature = header(ctx, 'webhook-signature');
  if (!spec.webhookSecret || id === undefined || timestamp === undefined || signature === undefined) return false;
  return verifyStandardWebhook([standardWebhookKey(spec.webhookSecret)], { id, timestamp, signature }, ctx.rawBody).ok;
}

/**
 * Whether the device the event names vouches for it before anything is changed on it. The
 * payload's `device` is only a name: a user on another router can set its hostname to this one's
 * and shut an interface there. So `no shutdown` needs the device's own signature, or the device
 * itself showing the change: its log has "changed state to administratively down" for this
 * interface within CONFIRM_WINDOW_S of its own clock (`show clock`; clocks of devices and
 * servers need not agree). A refusal is logged as SECURITY: it may be someone posing as the device.
 */
export async function confirmSender(
  session: DeviceSession,
  diagnosis: Diagnosis,
  signed: boolean,
  ctx: Pick<EventContext, 'log' | 'source' | 'requestId'>,
): Promise<RemediationPolicy> {
  if (signed) return { allowed: true, confirmedBy: 'device_signature' };
  const name = session.spec.name;
  const now = parseShowClock(await session.sendCommand('show clock'));
  const shut = `Interface ${diagnosis.interface}, changed state to administratively down`;
  const recent =
    now !== undefined &&
    parseShowLogging(diagnosis.recent_logs.join('\n')).some((entry) => {
      const at = entry.message === shut ? logStampTime(entry.timestamp, now) : undefined;
      const age = at ? now.getTime() - at.getTime() : Number.NaN;
      return age >= -1000 && age <= CONFIRM_WINDOW_S * 1000;
    });
  if (recent) return { allowed: true, confirmedBy: 'device_log' };
  ctx.log('SECURITY', {
    event: 'device_not_confirmed',
    device: name,
    interface: diagnosis.interface,
    source: ctx.source,
    request_id: ctx.requestId,
  });
  return {
    allowed: false,
    reason:
      `${name} did not confirm this event: it was not signed with ${name}'s own webhook secret, and ${name}'s log shows no ` +
      `"${shut}" in the last ${CONFIRM_WINDOW_S} s. Diagnostics only.`,
  };
}
