import type { Express } from 'express';
import { createWebhookApp, type WebhookEvent } from '../lib/create-webhook-app';
import { loadDeviceInventory, type DeviceSpec } from '../lib/device-inventory';
import { DevicePool } from '../lib/device-client/device-pool';
import type { EventContext } from '../lib/request-context';
import type { ServerDeps } from '../lib/run-server';
import { answerWithJob, eventTime } from './answer-with-job';
import { backupConfig } from './backup-config';
import { deviceReport } from './device-report';
import { diagnoseInterface, interfaceState } from './diagnose-interface';
import { canonicalInterfaceName } from './interface-name';
import { interfaceOutcome } from './interface-outcome';
import { checkEventAge } from './check-event-age';
import { createJobRunner, type DeviceTask, type TaskInput } from './job-runner';
import { addJobRoutes } from './job-routes';
import { deviceEventSchema, interfaceEventSchema } from './network-schemas';
import { remediateIfAllowed, type RemediateOptions } from './remediate-interface';
import { remediationPolicy } from './remediation-policy';
import { confirmSender, signedByDevice } from './confirm-sender';

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
 * servers/lib/device-client; this file only says which event does what.
 */
export function buildApp({ config, logger, env = {}, pool: given, devices, remediate }: NetworkDeps): Express {
  const inventory = devices ?? loadDeviceInventory(config.device, config.deviceInventory, env);
  // One pool for the server's life: a warm SSH session answers in a millisecond, a new one in ~100.
  const pool = given ?? DevicePool.fromConfig(config, inventory, logger);

  // What each event does on the device, by name. Their inputs are plain data: with REDIS_URL
  // set, the copy that runs a job may not be the one that received the event.
  const tasks: Record<string, DeviceTask> = {
    NetworkDeviceCheck: async (s) => ({ event: 'NetworkDeviceCheck', ...(await deviceReport(s)) }),
    InterfaceDown: async (s, { interface: name = '', policy = { allowed: false, reason: 'no policy' }, signed = false, source, requestId }) => {
      const diagnosis = await diagnoseInterface(s, name);
      // Only now, with the device's own log at hand, can the server tell whether the device stands behind the event.
      const event = { log: logger.log.bind(logger), source: source ?? '', requestId: requestId ?? '' };
      const confirmed = policy.allowed && diagnosis.verdict === 'admin_down' ? await confirmSender(s, diagnosis, signed, event) : policy;
      return { event: 'InterfaceDown', device: s.spec.name, ...diagnosis, remediation: await remediateIfAllowed(s, diagnosis, confirmed, remediate) };
    },
    InterfaceUp: async (s, { interface: name = '' }) => ({ event: 'InterfaceUp', device: s.spec.name, acknowledged: true, ...(await interfaceState(s, name)) }),
    // Never answered from an old result: once a backup starts reading, a new change needs a new one.
    ConfigChange: async (s, _input, started) => {
      started();
      return { event: 'ConfigChange', ...(await backupConfig(s, config.backupDir)) };
    },
  };
  // In this process, or (REDIS_URL) in queues every copy of the server shares.
  const jobs = createJobRunner({ config, pool, tasks, devices: inventory.map((d) => d.name), logger });

  // Every event: which device (unknown → 422 before any SSH), then the work as a shared job.
  const onDevice = (task: string, p: WebhookEvent, ctx: EventContext, key: string, reuseMs: number, input: TaskInput = {}) => {
    const device = pool.resolve(p.device).name; // no `device` (the lab's EEM applet): the default one
    return answerWithJob(jobs, { task, device, key: `${key}|${device}`, reuseMs, eventAtMs: eventTime(p, ctx), input }, ctx);
  };
  // Only canonical, validated names are ever put into a command (the schema refused the rest).
  const ifName = (p: WebhookEvent) => canonicalInterfaceName(String(p.interface)) as string;

  return createWebhookApp({
    server: 'network', config, logger,
    aliases: { DeviceCheck: 'NetworkDeviceCheck' },
    events: {
      NetworkDeviceCheck: { schema: deviceEventSchema, handle: (p, ctx) => onDevice('NetworkDeviceCheck', p, ctx, 'check', 0) },
      InterfaceDown: {
        schema: interfaceEventSchema,
        handle(p, ctx) {
          // Changing a device needs AUTO_REMEDIATE=true, an authenticated sender, *and* the device
          // itself behind the event: the payload's `device` is only a name anyone can type.
          const policy = remediationPolicy(config, ctx);
          // …and an event from now, not a replayed or long-delayed one (422 STALE_EVENT).
          if (policy.allowed) checkEventAge(p.timestamp, config.eventMaxAgeS, ctx.receivedAt);
          const signed = signedByDevice(pool.resolve(p.device), ctx);
          const input = { interface: ifName(p), policy, signed, source: ctx.source, requestId: ctx.requestId };
          return onDevice('InterfaceDown', p, ctx, `down|${ifName(p)}|${policy.allowed}|${signed}`, config.eventCoalesceMs, input);
        },
        // The verdict and what remediation did, in the WEBHOOK_PROCESSED line and the journal.
        summarize: interfaceOutcome,
      },
      InterfaceUp: {
        schema: interfaceEventSchema,
        handle: (p, ctx) => onDevice('InterfaceUp', p, ctx, `up|${ifName(p)}`, config.eventCoalesceMs, { interface: ifName(p) }),
        summarize: interfaceOutcome,
      },
      ConfigChange: { schema: deviceEventSchema, handle: (p, ctx) => onDevice('ConfigChange', p, ctx, 'config', 0) },
    },
    routes: (router) => addJobRoutes(router, jobs, config),
    health: () => jobs.health(),
    // The job runner first (a running job finishes on the open session), then the sessions.
    onClose: [() => jobs.close(), ...(given ? [] : [() => pool.close()])],
  });
}
