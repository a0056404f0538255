import { defineEvent, type EventHandler } from '../../lib/pipeline/event-handler';
import { interfaceState } from '../device-work/diagnose-interface';
import { interfaceOutcome } from './interface-outcome';
import type { DeviceTask } from '../jobs/job-runner';
import { interfaceEventSchema, interfaceOf, type InterfaceEvent } from './network-schemas';
import type { NetworkEventDeps } from './network-event-deps';

/** InterfaceUp: acknowledge it, with the interface's state as the device shows it. */
export function interfaceUp({ config, pool, runOnDevice }: NetworkEventDeps): EventHandler<InterfaceEvent> {
  return defineEvent({
    schema: interfaceEventSchema,
    handle(event, ctx) {
      const device = pool.resolve(event.device); // no `device` (the lab's EEM applet): the default one
      const name = interfaceOf(event);
      return runOnDevice(event, ctx, {
        device,
        job: { kind: 'interface-up', interface: name },
        reuseFor: config.eventCoalesceMs, // a flapping link does not hammer the device
        input: { interface: name },
      });
    },
    summarize: interfaceOutcome,
  });
}

/** The device work of InterfaceUp: the interface's state, as the device shows it. */
export const interfaceUpTask: DeviceTask = async (session, { interface: name = '' }) => ({
  event: 'InterfaceUp',
  device: session.spec.name,
  acknowledged: true,
  ...(await interfaceState(session, name)),
});
