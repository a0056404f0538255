import type { EventLogger } from '../../../common/logging/create-logger';
import { defineEvent, type EventHandler } from '../../lib/pipeline/event-handler';
import { checkEventAge } from '../device-work/check-event-age';
import { confirmSender, signedByDevice } from '../device-work/confirm-sender';
import { diagnoseInterface } from '../device-work/diagnose-interface';
import { interfaceOutcome } from './interface-outcome';
import type { DeviceTask } from '../jobs/job-runner';
import { interfaceEventSchema, interfaceOf, type InterfaceEvent } from './network-schemas';
import { remediateIfAllowed, type RemediateOptions } from '../device-work/remediate-interface';
import { remediationPolicy } from '../device-work/remediation-policy';
import type { NetworkEventDeps } from './network-event-deps';

/**
 * InterfaceDown: log in to the device, find out why the interface is down, and — only when
 * everything below allows it — bring it back up with `no shutdown`.
 */
export function interfaceDown({ config, pool, runOnDevice }: NetworkEventDeps): EventHandler<InterfaceEvent> {
  return defineEvent({
    schema: interfaceEventSchema,
    handle(event, ctx) {
      // Changing a device needs AUTO_REMEDIATE=true, an authenticated sender, *and* the device
      // itself behind the event: the payload's `device` is only a name anyone can type.
      const policy = remediationPolicy(config, ctx);
      // …and an event from now, not a replayed or long-delayed one (422 STALE_EVENT).
      if (policy.allowed) checkEventAge(event.timestamp, config.eventMaxAgeS, ctx.receivedAt);
      const device = pool.resolve(event.device); // no `device` (the lab's EEM applet): the default one
      const signed = signedByDevice(device, ctx);
      const name = interfaceOf(event);
      return runOnDevice(event, ctx, {
        device,
        job: { kind: 'interface-down', interface: name, remediate: policy.allowed, signed },
        reuseFor: config.eventCoalesceMs, // a flapping link does not hammer the device
        input: { interface: name, policy, signed, source: ctx.source, requestId: ctx.requestId },
      });
    },
    // The verdict and what remediation did, in the WEBHOOK_PROCESSED line and the journal.
    summarize: interfaceOutcome,
  });
}

/** The device work of InterfaceDown: diagnose, let the device confirm the event, repair when allowed. */
export function interfaceDownTask(logger: EventLogger, remediate?: RemediateOptions): DeviceTask {
  return async (
    session,
    { interface: name = '', policy = { allowed: false, reason: 'no policy' }, signed = false, source = '', requestId = '' },
  ) => {
    const diagnosis = await diagnoseInterface(session, name);
    // Only now, with the device's own log at hand, can the server tell whether the device stands behind the event.
    const sender = { log: logger.log.bind(logger), source, requestId };
    const confirmed =
      policy.allowed && diagnosis.verdict === 'admin_down' ? await confirmSender(session, diagnosis, signed, sender) : policy;
    const remediation = await remediateIfAllowed(session, diagnosis, confirmed, remediate);
    return { event: 'InterfaceDown', device: session.spec.name, ...diagnosis, remediation };
  };
}
