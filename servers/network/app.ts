import { createWebhookApp, type WebhookApp } from '../lib/pipeline/create-webhook-app';
import { loadDeviceInventory, type DeviceSpec } from '../../common/inventory/device-inventory';
import { DevicePool } from '../lib/device-client/device-pool';
import type { ServerDeps } from '../lib/server/run-server';
import { createJobRunner } from './jobs/create-job-runner';
import type { DeviceTask } from './jobs/job-runner';
import { addJobRoutes } from './jobs/job-routes';
import type { RemediateOptions } from './device-work/remediate-interface';
import { deviceRunner, type DeviceJob } from './events/run-on-device';
import { deviceCheckTask, networkDeviceCheck } from './events/network-device-check';
import { interfaceDown, interfaceDownTask } from './events/interface-down';
import { interfaceUp, interfaceUpTask } from './events/interface-up';
import { configBackupTask, configChange } from './events/config-change';

export interface NetworkDeps extends ServerDeps {
  /** Injected in tests (and then closed by them); otherwise built here and closed when the server stops. */
  pool?: DevicePool;
  /** The inventory; by default DEVICE_* plus DEVICE_INVENTORY. */
  devices?: DeviceSpec[];
  /** How remediation re-checks the interface (tests shorten the pause). */
  remediate?: RemediateOptions;
}

/**
 * Step 4 of the lab, the point of it all: a device event arrives as a webhook and the server
 * logs in to the device over SSH to look, and sometimes to fix. The SSH work lives in
 * servers/lib/device-client; each event's own steps are in events/, one file per event.
 */
export function buildApp({ config, logger, env = {}, pool: given, devices, remediate }: NetworkDeps): WebhookApp {
  const inventory = devices ?? loadDeviceInventory(config.device, config.deviceInventory, env);
  // One pool for the server's life: a warm SSH session answers in a millisecond, a new one in ~100.
  const pool = given ?? DevicePool.fromConfig(config, inventory, logger);
  // What each kind of job does on the device. Their inputs are plain data: with REDIS_URL set,
  // the copy that runs a job may not be the one that received the event.
  const tasks: Record<DeviceJob['kind'], DeviceTask> = {
    'device-check': deviceCheckTask,
    'interface-down': interfaceDownTask(logger, remediate),
    'interface-up': interfaceUpTask,
    'config-backup': configBackupTask(config.backupDir),
  };
  // Device work as jobs, in this process or (REDIS_URL) in queues every copy shares; GET /jobs/:id shows each.
  const jobs = createJobRunner({ config, pool, tasks, devices: inventory.map((d) => d.name), logger });
  const deps = { config, pool, runOnDevice: deviceRunner(jobs) };

  return createWebhookApp({
    server: 'network',
    config,
    logger,
    aliases: { DeviceCheck: 'NetworkDeviceCheck' },
    events: {
      NetworkDeviceCheck: networkDeviceCheck(deps),
      InterfaceDown: interfaceDown(deps),
      InterfaceUp: interfaceUp(deps),
      ConfigChange: configChange(deps),
    },
    routes: (router) => addJobRoutes(router, jobs, config),
    health: () => jobs.health(),
    // The job runner first (a running job finishes on the open session), then the sessions.
    onClose: [() => jobs.close(), ...(given ? [] : [() => pool.close()])],
  });
}
