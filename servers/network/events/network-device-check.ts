import Joi from 'joi';
import { deviceReport } from '../device-work/device-report';
import { defineDeviceEvent } from './device-event';
import { deviceEventSchema } from './network-schemas';

/** NetworkDeviceCheck (alias DeviceCheck): log in, run two show commands, answer a device report. */
export const networkDeviceCheck = defineDeviceEvent({
  name: 'NetworkDeviceCheck',
  aliases: ['DeviceCheck'],
  schema: deviceEventSchema,
  logged: ['device'],
  request: (event, _ctx, { pool }) => ({
    device: pool.resolve(event.device), // no `device` (the lab's EEM applet): the default one
    input: {},
    coalesceMs: 0, // a check always reports the device as it is now
  }),
  input: Joi.object({}),
  task: async (session) => ({ event: 'NetworkDeviceCheck', ...(await deviceReport(session)) }),
});
