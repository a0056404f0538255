import { createWebhookApp, type WebhookApp } from '../lib/create-webhook-app';
import { loadDeviceInventory, type DeviceSpec } from '../lib/device-inventory';
import { DevicePool } from '../lib/device-client/device-pool';
import type { ServerDeps } from '../lib/run-server';
import { JobQueue } from './job-queue';
import { addJobRoutes } from './job-routes';
import type { RemediateOptions } from './remediate-interface';
import { deviceRunner } from './events/run-on-device';
import { networkDeviceCheck } from './events/network-device-check';
import { interfaceDown } from './events/interface-down';
import { interfaceUp } from './events/interface-up';
import { configChange } from './events/config-change';

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
  // Device work as jobs: events asking the same thing share one, and GET /jobs/:id shows each.
  const jobs = new JobQueue();
  const deps = { config, pool, runOnDevice: deviceRunner(pool, jobs), remediate };

  return createWebhookApp({
    server: 'network', config, logger,
    aliases: { DeviceCheck: 'NetworkDeviceCheck' },
    events: {
      NetworkDeviceCheck: networkDeviceCheck(deps),
      InterfaceDown: interfaceDown(deps),
      InterfaceUp: interfaceUp(deps),
      ConfigChange: configChange(deps),
    },
    routes: (router) => addJobRoutes(router, jobs, config),
    onClose: given ? [] : [() => pool.close()],
  });
}
