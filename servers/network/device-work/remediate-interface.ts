import { setTimeout as sleep } from 'node:timers/promises';
import type { DeviceSession } from '../../lib/device-client/device-session';
import { interfaceState, type InterfaceState } from './diagnose-interface';
import type { ConfirmedBy, RemediationPolicy } from './remediation-policy';

/** What remediation did, or why it did nothing. */
export type Remediation =
  | { attempted: false; reason: string }
  | {
      attempted: true;
      /** The configuration lines sent, exactly. */
      sent: string[];
      before: { status: string; protocol: string };
      after: { status: string; protocol: string };
      /** True when the interface came back up/up. */
      verified: boolean;
      /** How the device showed the event was its own: its signature, or its log. */
      confirmed_by?: ConfirmedBy;
    };

export interface RemediateOptions {
  /** Looks at the interface again this many times while it comes up (default 10). */
  checks?: number;
  /** Pause between those looks (default 300 ms): a real link takes a second or two. */
  checkEveryMs?: number;
}

/**
 * `no shutdown` on an administratively down interface, then checks that it came back. Only
 * the two fixed lines below are sent, built from the canonical, validated name.
 */
export async function remediateInterface(
  session: DeviceSession,
  before: InterfaceState,
  options: RemediateOptions = {},
): Promise<Remediation> {
  const sent = [`interface ${before.interface}`, 'no shutdown'];
  await session.sendConfig(sent);
  let after = await interfaceState(session, before.interface);
  for (let i = 1; i < (options.checks ?? 10) && after.verdict !== 'up'; i += 1) {
    await sleep(options.checkEveryMs ?? 300);
    after = await interfaceState(session, before.interface);
  }
  return {
    attempted: true,
    sent,
    before: { status: before.status, protocol: before.protocol },
    after: { status: after.status, protocol: after.protocol },
    verified: after.verdict === 'up',
  };
}

/**
 * Remediation only when it is both safe and useful: the interface is administratively down
 * (a link without carrier is not fixed by `no shutdown`) and the policy allows changes.
 */
export async function remediateIfAllowed(
  session: DeviceSession,
  state: InterfaceState,
  policy: RemediationPolicy,
  options: RemediateOptions = {},
): Promise<Remediation> {
  const skip = (reason: string): Remediation => ({ attempted: false, reason });
  if (state.verdict !== 'admin_down')
    return skip(`${state.interface} is not administratively down (${state.verdict}): "no shutdown" would change nothing.`);
  if (!policy.allowed) return skip(policy.reason);
  const done = await remediateInterface(session, state, options);
  return policy.confirmedBy && done.attempted ? { ...done, confirmed_by: policy.confirmedBy } : done;
}
