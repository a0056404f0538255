import type { ObservedStep } from '../../lib/observe/observed-step';
import type { JobResult, Sharing } from '../jobs/job-queue';
import type { InterfaceState } from '../device-work/diagnose-interface';
import { summaryOf, verdictOf } from '../device-work/interface-verdict';
import type { Remediation } from '../device-work/remediate-interface';

/** The verdict of an interface's state, as the live view shows it. */
function verdictStep(name: string, state: Pick<InterfaceState, 'status' | 'protocol'>): ObservedStep {
  const verdict = verdictOf(state);
  return { kind: 'verdict', ok: verdict === 'up', text: `${verdict}: ${summaryOf(verdict, name)}` };
}

/** What remediation decided and found, as the live view shows it. */
function remediationSteps(name: string, remediation: Remediation): ObservedStep[] {
  if (!remediation.attempted) return [{ kind: 'decision', ok: true, text: `"no shutdown" not sent: ${remediation.reason}` }];
  const proof = remediation.confirmed_by ? ` and the device confirmed it (${remediation.confirmed_by})` : '';
  const { after } = remediation;
  return [
    {
      kind: 'decision',
      ok: true,
      text: `"no shutdown" allowed: ${name} is administratively down, AUTO_REMEDIATE=true, the sender authenticated${proof}.`,
    },
    verdictStep(name, after),
    {
      kind: 'decision',
      ok: remediation.verified,
      text: remediation.verified
        ? `Verified: ${name} is up, line protocol up.`
        : `Not verified: ${name} is still ${after.status}, line protocol ${after.protocol}.`,
    },
  ];
}

/**
 * An interface event's result, step by step for the live view: the verdict, and for
 * InterfaceDown what remediation decided, the state it left and whether that was verified.
 */
export function interfaceSteps(result: JobResult): ObservedStep[] {
  const state = result as unknown as InterfaceState & { remediation?: Remediation };
  const steps = [verdictStep(state.interface, state)];
  if (state.remediation) steps.push(...remediationSteps(state.interface, state.remediation));
  return steps;
}

/** An event answered by work it did not start itself: the live view says whose commands to look at. */
export function sharingStep(jobId: string, sharing: Exclude<Sharing, 'new'>): ObservedStep {
  return {
    kind: 'job',
    ok: true,
    text:
      sharing === 'in-flight'
        ? `The same work was already running (job ${jobId}): this event shares its result. The commands are shown on the event that started it.`
        : `The same work finished moments ago (job ${jobId}, within EVENT_COALESCE_MS): answered from its result, nothing sent to the device.`,
  };
}
