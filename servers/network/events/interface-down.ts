import { defineEvent, type EventHandler } from '../../lib/event-handler';
import { checkEventAge } from '../check-event-age';
import { confirmSender, signedByDevice } from '../confirm-sender';
import { diagnoseInterface } from '../diagnose-interface';
import { interfaceOutcome } from '../interface-outcome';
import { interfaceEventSchema, interfaceOf, type InterfaceEvent } from '../network-schemas';
import { remediateIfAllowed } from '../remediate-interface';
import { remediationPolicy } from '../remediation-policy';
import type { NetworkEventDeps } from './network-event-deps';

/**
 * InterfaceDown: log in to the device, find out why the interface is down, and — only when
 * everything below allows it — bring it back up with `no shutdown`.
 */
export function interfaceDown({ config, pool, runOnDevice, remediate }: NetworkEventDeps): EventHandler<InterfaceEvent> {
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
        async work(session) {
          const diagnosis = await diagnoseInterface(session, name);
          const confirmed = policy.allowed && diagnosis.verdict === 'admin_down' ? await confirmSender(session, diagnosis, signed, ctx) : policy;
          const remediation = await remediateIfAllowed(session, diagnosis, confirmed, remediate);
          return { event: 'InterfaceDown', device: session.spec.name, ...diagnosis, remediation };
        },
      });
    },
    // The verdict and what remediation did, in the WEBHOOK_PROCESSED line and the journal.
    summarize: interfaceOutcome,
  });
}
