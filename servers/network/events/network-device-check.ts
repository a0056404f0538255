import { defineEvent, type EventHandler, type WebhookEvent } from '../../lib/pipeline/event-handler';
import { deviceReport } from '../device-work/device-report';
import type { DeviceTask } from '../jobs/job-runner';
import { deviceEventSchema } from './network-schemas';
import type { NetworkEventDeps } from './network-event-deps';

/** NetworkDeviceCheck (alias DeviceCheck): log in, run two show commands, answer a device report. */
export function networkDeviceCheck({ pool, runOnDevice }: NetworkEventDeps): EventHandler<WebhookEvent> {
  return defineEvent({
    schema: deviceEventSchema,
    handle(event, ctx) {
      const device = pool.resolve(event.device); // no `device` (the lab's EEM applet): the default one
      return runOnDevice(event, ctx, {
        device,
        job: { kind: 'device-check' },
        reuseFor: 0, // a check always reports the device as it is now
      });
    },
  });
}

/** The device work of NetworkDeviceCheck: the report. */
export const deviceCheckTask: DeviceTask = async (session) => ({ event: 'NetworkDeviceCheck', ...(await deviceReport(session)) });
