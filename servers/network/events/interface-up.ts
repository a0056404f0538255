import { interfaceState } from '../device-work/diagnose-interface';
import { defineDeviceEvent } from './device-event';
import { interfaceOutcome } from './interface-outcome';
import { interfaceSteps } from './interface-steps';
import { interfaceEventSchema, interfaceInput, interfaceOf } from './network-schemas';

/** InterfaceUp: acknowledge it, with the interface's state as the device shows it. */
export const interfaceUp = defineDeviceEvent({
  name: 'InterfaceUp',
  schema: interfaceEventSchema,
  logged: ['device', 'interface'],
  request(event, _ctx, { config, pool }) {
    const name = interfaceOf(event);
    return {
      device: pool.resolve(event.device), // no `device` (the lab's EEM applet): the default one
      input: { interface: name },
      sameWork: { interface: name },
      coalesceMs: config.eventCoalesceMs, // a flapping link does not hammer the device
    };
  },
  input: interfaceInput,
  task: async (session, { interface: name }) => ({
    event: 'InterfaceUp',
    device: session.spec.name,
    acknowledged: true,
    ...(await interfaceState(session, name)),
  }),
  summarize: interfaceOutcome,
  steps: interfaceSteps,
});
