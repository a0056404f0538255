import Joi from 'joi';
import { backupConfig } from '../device-work/backup-config';
import { defineDeviceEvent } from './device-event';
import { deviceEventSchema } from './network-schemas';

/** ConfigChange: back up the running configuration and answer what changed since the last backup. */
export const configChange = defineDeviceEvent({
  name: 'ConfigChange',
  schema: deviceEventSchema,
  logged: ['device'],
  request: (event, _ctx, { pool }) => ({
    device: pool.resolve(event.device), // no `device` (the lab's EEM applet): the default one
    input: {},
    // Never answered from an old result: once a backup starts reading, a new change needs a new one.
    coalesceMs: 0,
  }),
  input: Joi.object({}),
  async task(session, _input, { config }, started) {
    started(); // from here on, a new change needs a backup of its own
    return { event: 'ConfigChange', ...(await backupConfig(session, config.backupDir)) };
  },
});
