import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeviceSpec, LinkSpec } from '../common/inventory/device-inventory';
import { createLogger, type EventLogger } from '../common/logging/create-logger';
import { DeviceState } from './device-state';
import { createDeviceStats, totalStats, type DeviceStats } from './simulator-stats';
import { loadOrCreateHostKey } from './host-key';
import { loadAuthorizedKeys } from './authorized-keys';
import { startDeviceSsh, type DeviceSshOptions, type DeviceSshServer } from './ssh-server';
import { LISTENER_LIMITS, type ConnectionLimits } from '../common/net/limit-connections';
import { httpTimeoutOptions, LISTENER_TIMEOUTS, type HttpTimeouts } from '../common/net/http-timeouts';
import { guardHttpListener } from '../common/net/guard-http-listener';
import { WebhookEmitter, type SignatureStyle } from './webhook-emitter';
import { buildControlApp } from './control-server';
import { wireDeviceEvents } from './wire-device-events';
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle';
import { checkDeviceExposure } from './check-device-exposure';
import { ActivityFeed } from './activity-feed';
import { LabNetwork, noCarrierAtBoot } from './lab-network';
import { runningConfigBody } from './render/show-running-config';

export interface SimulatorOptions {
  devices: DeviceSpec[];
  /** Cables between the devices (the inventory's `links`): CDP/LLDP, ARP, carrier and reachability follow them. */
  links?: LinkSpec[];
  /** Overrides every device's listen address. */
  host?: string;
  /** 0: every device on an ephemeral port; N: device i on N + i; omitted: each spec's port. */
  sshPort?: number;
  /** 0 (default): ephemeral. Always bound to loopback unless `controlHost` says otherwise. */
  controlPort?: number;
  controlHost?: string;
  webhookUrl?: string;
  webhookToken?: string;
  /** Signs deliveries with this secret (each device's own secret, when it has one, signs too). */
  webhookSecret?: string;
  /** `standard` (default, timestamped) or `github` (X-Hub-Signature-256). */
  webhookSignature?: SignatureStyle;
  webhookAttempts?: number;
  /** How long a failed delivery keeps being retried (default 120 s). */
  webhookRetryForMs?: number;
  webhookBaseDelayMs?: number;
  webhookTimeoutMs?: number;
  /** How long a control-port flap keeps the carrier down (default 1000 ms). */
  flapDownMs?: number;
  hostKeyDir: string;
  /** OpenSSH authorized_keys file for public-key logins (optional). */
  authorizedKeysFile?: string;
  /** The SSH listeners' guards: login (handshake included) timeout, caps on connections not logged in (ssh-server.ts). */
  ssh?: Pick<DeviceSshOptions, 'loginTimeoutMs' | 'unauthenticated' | 'maxConnections'>;
  /** The control port's connection caps and HTTP timeouts (default LISTENER_LIMITS, LISTENER_TIMEOUTS). */
  controlGuards?: { limits?: ConnectionLimits; timeouts?: HttpTimeouts };
  /** Failed SSH logins per source address: growing delay, then a lockout (see login-throttle.ts). */
  loginThrottle?: Omit<LoginThrottleOptions, 'now'>;
  /** Allow a non-loopback SSH address with the default password (ALLOW_INSECURE). */
  allowInsecure?: boolean;
  /** Either a logger, or a folder for `device_simulator.log`. */
  logger?: EventLogger;
  logDir?: string;
  logLevel?: string;
  logToConsole?: boolean;
  now?: () => number;
}

export interface SimulatorStats extends DeviceStats {
  webhooks: { delivered: number; failed: number; dropped: number };
  devices: Record<string, DeviceStats>;
}

export interface RunningSimulator {
  devices: Array<{ name: string; host: string; sshPort: number }>;
  controlUrl: string;
  stats(): SimulatorStats;
  /** A device's live state (first device when no name is given), for tests and the launcher. */
  state(name?: string): DeviceState;
  /** Resolves when every queued webhook has been delivered or given up. */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts every device's SSH server, the shared control port and the webhook emitter. */
export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  // Everything the simulator logs also feeds the control port's GET /feed (the lab dashboard).
  const activity = new ActivityFeed();
  const logger = activity.tap(
    options.logger ??
      createLogger({
        name: 'device-simulator',
        fileName: 'device_simulator.log',
        console: options.logToConsole ?? false,
        ...(options.logDir !== undefined && { logDir: options.logDir }),
        ...(options.logLevel !== undefined && { level: options.logLevel }),
      }),
  );
  const ownLogger = !options.logger;
  try {
    checkDeviceExposure(
      options.devices.map((spec) => ({ spec, host: options.host ?? spec.host })),
      options.allowInsecure ?? false,
      logger,
    );
  } catch (err) {
    if (ownLogger) await logger.close();
    throw err;
  }
  const throttle = new LoginThrottle({ ...options.loginThrottle, ...(options.now && { now: options.now }) });
  const hostKey = loadOrCreateHostKey(options.hostKeyDir);
  const { keys, skipped } = loadAuthorizedKeys(options.authorizedKeysFile);
  if (skipped > 0) logger.log('SECURITY', { event: 'authorized_keys_skipped', lines: skipped });
  const webhooks = options.webhookUrl
    ? new WebhookEmitter({
        url: options.webhookUrl,
        logger,
        ...(options.webhookToken && { token: options.webhookToken }),
        ...(options.webhookSecret && { secret: options.webhookSecret }),
        ...(options.webhookSignature && { signature: options.webhookSignature }),
        ...(options.webhookAttempts !== undefined && { attempts: options.webhookAttempts }),
        ...(options.webhookRetryForMs !== undefined && { retryForMs: options.webhookRetryForMs }),
        ...(options.now && { now: options.now }),
        ...(options.webhookBaseDelayMs !== undefined && { baseDelayMs: options.webhookBaseDelayMs }),
        ...(options.webhookTimeoutMs !== undefined && { timeoutMs: options.webhookTimeoutMs }),
      })
    : undefined;

  const links = options.links ?? [];
  const noCarrier = noCarrierAtBoot(options.devices, links);
  const states = options.devices.map(
    (spec, index) =>
      new DeviceState(spec, {
        index,
        noCarrier: noCarrier.get(spec.name.toLowerCase()) ?? [],
        ...(options.now && { now: options.now }),
      }),
  );
  // Each device boots from its startup-config: what it runs now.
  for (const state of states) state.startupConfig = runningConfigBody(state).join('\n');
  // Built before anything listens: a bad link stops the start with nothing opened.
  let network: LabNetwork;
  try {
    network = new LabNetwork(states, links);
  } catch (err) {
    if (ownLogger) await logger.close();
    throw err;
  }
  const stats = new Map(states.map((s) => [s.spec.name, createDeviceStats()]));
  const unwire = [...states.map((s) => wireDeviceEvents(s, webhooks)), ...states.map((s) => activity.follow(s))];
  // The device's own messages (%LINK-5-CHANGED, %SYS-5-CONFIG_I…) in the simulator's log too,
  // as a syslog server would receive them: the lab's terminal shows the router's side of the loop.
  unwire.push(
    ...states.map((s) =>
      s.subscribe((event) => {
        if (event.type === 'syslog') logger.log('SYSLOG', { device: s.hostname, message: event.message });
      }),
    ),
  );
  const servers: DeviceSshServer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const control = http.createServer(httpTimeoutOptions(options.controlGuards?.timeouts ?? LISTENER_TIMEOUTS));
  guardHttpListener(control, options.controlGuards?.limits ?? LISTENER_LIMITS);
  const statsNow = (): SimulatorStats => ({
    ...totalStats([...stats.values()]),
    webhooks: { ...(webhooks?.counts ?? { delivered: 0, failed: 0, dropped: 0 }) },
    devices: Object.fromEntries([...stats.entries()].map(([k, v]) => [k, { ...v }])),
  });
  const shutdown = async (): Promise<void> => {
    for (const t of timers) clearTimeout(t);
    unwire.forEach((u) => u());
    activity.close(); // open feed streams end first, or closing the control port would wait for them
    network.close();
    await Promise.all([...servers.map((s) => s.close()), new Promise((r) => control.close(r)), webhooks?.close()]);
    control.closeAllConnections();
  };

  try {
    for (const [index, state] of states.entries()) {
      const port = options.sshPort === undefined ? state.spec.port : options.sshPort === 0 ? 0 : options.sshPort + index;
      const host = options.host ?? state.spec.host;
      servers.push(
        await startDeviceSsh({
          state,
          stats: stats.get(state.spec.name) as DeviceStats,
          logger,
          hostKey,
          authorizedKeys: keys,
          host,
          port,
          throttle,
          ...options.ssh,
        }),
      );
    }
    control.on(
      'request',
      buildControlApp({
        devices: states,
        defaultFlapMs: options.flapDownMs ?? 1000,
        stats: () => statsNow(),
        logError: (err) => logger.log('ERROR', { reason: err.message, stack: err.stack }),
        activity,
        flap: async (state, name, downMs) => {
          network.setCable(state, name, false);
          await new Promise<void>((resolve) => {
            const t = setTimeout(() => {
              timers.delete(t);
              resolve();
            }, downMs);
            timers.add(t);
          });
          network.setCable(state, name, true);
        },
      }),
    );
    const controlHost = options.controlHost ?? '127.0.0.1';
    const controlPort = await listen(control, options.controlPort ?? 0, controlHost);

    const running: RunningSimulator = {
      devices: states.map((s, i) => ({ name: s.spec.name, host: options.host ?? s.spec.host, sshPort: servers[i]?.port ?? 0 })),
      controlUrl: `http://${controlHost.includes(':') ? `[${controlHost}]` : controlHost}:${controlPort}`,
      stats: statsNow,
      state: (name) => states.find((s) => name === undefined || s.spec.name === name) ?? (states[0] as DeviceState),
      webhooksIdle: () => webhooks?.idle() ?? Promise.resolve(),
      close: async () => {
        await shutdown();
        logger.log('SERVER_STOP', { server: 'device-simulator' });
        if (ownLogger) await logger.close();
      },
    };
    logger.log('SERVER_START', {
      server: 'device-simulator',
      devices: running.devices.map((d) => `${d.name}@${d.host}:${d.sshPort}`).join(','),
      control: running.controlUrl,
      webhook: webhooks ? 'on' : 'off',
      signed: options.webhookSecret ? (options.webhookSignature ?? 'standard') : false,
    });
    return running;
  } catch (err) {
    await shutdown().catch(() => undefined);
    if (ownLogger) await logger.close();
    throw err;
  }
}
