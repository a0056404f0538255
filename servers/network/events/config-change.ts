import { defineEvent, type EventHandler, type WebhookEvent } from '../../lib/pipeline/event-handler';
import { backupConfig } from '../device-work/backup-config';
import type { DeviceTask } from '../jobs/job-runner';
import { deviceEventSchema } from './network-schemas';
import type { NetworkEventDeps } from './network-event-deps';

/** ConfigChange: back up the running configuration and answer what changed since the last backup. */
export function configChange({ pool, runOnDevice }: NetworkEventDeps): EventHandler<WebhookEvent> {
  return defineEvent({
    schema: deviceEventSchema,
    handle(event, ctx) {
      const device = pool.resolve(event.device); // no `device` (the lab's EEM applet): the default one
      return runOnDevice(event, ctx, {
        device,
        job: { kind: 'config-backup' },
        // Never answered from an old result: once a backup starts reading, a new change needs a new one.
        reuseFor: 0,
      });
    },
  });
}

/** The device work of ConfigChange: a backup, and the diff against the last one. */
export function configBackupTask(backupDir: string): DeviceTask {
  return async (session, _input, started) => {
    started(); // from here on, a new change needs a backup of its own
    return { event: 'ConfigChange', ...(await backupConfig(session, backupDir)) };
  };
}
