import type { LogFields } from '../../../common/logging/log-line';
import type { Remediation } from '../device-work/remediate-interface';

/** What remediation did, in one word: repaired, not_repaired (sent, still down) or skipped. */
function remediationWord(r: Remediation): string {
  if (!r.attempted) return 'skipped';
  return r.verified ? 'repaired' : 'not_repaired';
}

/**
 * An interface event's result for the WEBHOOK_PROCESSED line and the journal: the verdict and,
 * for InterfaceDown, what remediation did (and why not, when it did nothing). When the router
 * sends the webhook, nobody reads the answer: this line is where the outcome shows.
 */
export function interfaceOutcome(answer: Record<string, unknown>): LogFields {
  const remediation = answer.remediation as Remediation | undefined;
  return {
    verdict: typeof answer.verdict === 'string' ? answer.verdict : undefined,
    remediation: remediation && remediationWord(remediation),
    remediation_reason: remediation && !remediation.attempted ? remediation.reason : undefined,
  };
}
