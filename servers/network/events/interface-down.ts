import Joi from 'joi';
import { checkEventAge } from '../device-work/check-event-age';
import { confirmSender, signedByDevice } from '../device-work/confirm-sender';
import { diagnoseInterface } from '../device-work/diagnose-interface';
import { remediateIfAllowed } from '../device-work/remediate-interface';
import { remediationPolicy } from '../device-work/remediation-policy';
import { defineDeviceEvent } from './device-event';
import { interfaceOutcome } from './interface-outcome';
import { interfaceSteps } from './interface-steps';
import { canonicalInterface, interfaceEventSchema, interfaceOf } from './network-schemas';

/** What the InterfaceDown task gets: plain data, checked again by the copy that runs it. */
interface InterfaceDownInput {
  interface: string;
  /** The sender proved who it is (token or signature): the policy is worked out again from this and the runner's own config. */
  authenticated: boolean;
  /** The event carried the named device's own signature (confirm-sender.ts). */
  signed: boolean;
  /** Who sent the event, for the SECURITY line when the device does not confirm it. */
  source: string;
  requestId: string;
}

/**
 * InterfaceDown: log in to the device, find out why the interface is down, and — only when
 * everything below allows it — bring it back up with `no shutdown`.
 */
export const interfaceDown = defineDeviceEvent({
  name: 'InterfaceDown',
  schema: interfaceEventSchema,
  logged: ['device', 'interface'],
  request(event, ctx, { config, pool }) {
    // Changing a device needs AUTO_REMEDIATE=true, an authenticated sender, *and* the device
    // itself behind the event: the payload's `device` is only a name anyone can type.
    const policy = remediationPolicy(config, ctx);
    // …and an event from now, not a replayed or long-delayed one (422 STALE_EVENT).
    if (policy.allowed) checkEventAge(event.timestamp, config.eventMaxAgeS, ctx.receivedAt);
    const device = pool.resolve(event.device); // no `device` (the lab's EEM applet): the default one
    const signed = signedByDevice(device, ctx);
    const name = interfaceOf(event);
    return {
      device,
      input: { interface: name, authenticated: ctx.authenticated, signed, source: ctx.source, requestId: ctx.requestId },
      // A job that may not change the device must never answer an event that may, and vice versa.
      sameWork: { interface: name, remediate: policy.allowed, signed },
      coalesceMs: config.eventCoalesceMs, // a flapping link does not hammer the device
    };
  },
  input: Joi.object<InterfaceDownInput>({
    interface: canonicalInterface.required(),
    authenticated: Joi.boolean().required(),
    signed: Joi.boolean().required(),
    source: Joi.string().max(100).allow('').required(),
    requestId: Joi.string().max(200).required(),
  }),
  // Diagnose, let the device confirm the event, repair when allowed.
  async task(session, input, { config, logger, remediate }) {
    // The policy again, from this copy's own config: never taken from the job.
    const policy = remediationPolicy(config, input);
    const diagnosis = await diagnoseInterface(session, input.interface);
    // Only now, with the device's own log at hand, can the server tell whether the device stands behind the event.
    const sender = { log: logger.log.bind(logger), source: input.source, requestId: input.requestId };
    const confirmed =
      policy.allowed && diagnosis.verdict === 'admin_down' ? await confirmSender(session, diagnosis, input.signed, sender) : policy;
    const remediation = await remediateIfAllowed(session, diagnosis, confirmed, remediate);
    return { event: 'InterfaceDown', device: session.spec.name, ...diagnosis, remediation };
  },
  // The verdict and what remediation did, in the WEBHOOK_PROCESSED line and the journal.
  summarize: interfaceOutcome,
  steps: interfaceSteps,
});
