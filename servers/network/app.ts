import { createWebhookApp, type WebhookApp } from '../lib/pipeline/create-webhook-app';
import { loadDeviceInventory, type DeviceSpec } from '../../common/inventory/device-inventory';
import { DevicePool } from '../lib/device-client/device-pool';
import type { ServerDeps } from '../lib/server/run-server';
import type { RemediateOptions } from './device-work/remediate-interface';
import { createJobRunner } from './jobs/create-job-runner';
import { addJobRoutes } from './jobs/job-routes';
import type { DeviceEvent } from './events/device-event';
import { deviceTasks, onDevice } from './events/run-on-device';
import { networkDeviceCheck } from './events/network-device-check';
import { interfaceDown } from './events/interface-down';
import { interfaceUp } from './events/interface-up';
import { configChange } from './events/config-change';

/** The events this server acts on, one file each in events/. A new event: one file, one line here. */
export const NETWORK_EVENTS: readonly DeviceEvent[] = [networkDeviceCheck, interfaceDown, interfaceUp, configChange];

export interface NetworkDeps extends ServerDeps {
  /** Injected in tests (and then closed by them); otherwise built here and closed when the server stops. */
  pool?: DevicePool;
  /** The inventory; by default DEVICE_* plus DEVICE_INVENTORY. */
  devices?: DeviceSpec[];
  /** How remediation re-checks the interface (tests shorten the pause). */
  remediate?: RemediateOptions;
  /** The events served; by default NETWORK_EVENTS. */
  events?: readonly DeviceEvent[];
}

/**
 * Step 4 of the lab, the point of it all: a device event arrives as a webhook and the server
 * logs in to the device over SSH to look, and sometimes to fix. The SSH work lives in
 * servers/lib/device-client; each event's own steps are in events/, one file per event.
 */
export function buildApp({ config, logger, env = {}, pool: given, devices, remediate, events = NETWORK_EVENTS }: NetworkDeps): WebhookApp {
  const inventory = devices ?? loadDeviceInventory(config.device, config.deviceInventory, env);
  // One pool for the server's life: a warm SSH session answers in a millisecond, a new one in ~100.
  const pool = given ?? DevicePool.fromConfig(config, inventory, logger);
  const deps = { config, pool, logger, remediate };
  // Device work as jobs, in this process or (REDIS_URL) in queues every copy shares; GET /jobs/:id
  // shows each. A job names its event's task and carries plain data: the copy that runs it may
  // not be the one that received the event.
  const tasks = deviceTasks(events, deps);
  const jobs = createJobRunner({ config, pool, tasks, devices: inventory.map((d) => d.name), logger });

  return createWebhookApp({
    server: 'network',
    config,
    logger,
    events: events.map((event) => onDevice(event, deps, jobs)),
    handlerSteps: true, // the live view shows each SSH login and command
    routes: (router) => addJobRoutes(router, jobs, config),
    health: () => jobs.health(),
    // The job runner first (a running job finishes on the open session), then the sessions.
    onClose: [() => jobs.close(), ...(given ? [] : [() => pool.close()])],
  });
}
