import 'dotenv/config';
import { ConfigError, loadConfig, SERVER_NAMES, type AppConfig } from '../servers/lib/config/load-config';
import { findBusyPorts, describeBusyPorts, type NamedPort } from './find-busy-ports';
import { LabProcess } from './lab-process';
import { labBanner } from './lab-banner';
import { loadDeviceInventory } from '../common/inventory/device-inventory';
import { quietOutput } from './quiet-output';
import { watchParent } from './watch-parent';
import { startDashboard, type RunningDashboard } from './dashboard/start-dashboard';
import { createLogger } from '../common/logging/create-logger';
import { isLoopbackHost } from '../common/net/loopback';
import { scaleFrom, startScaledNetwork, type ScaledNetwork } from './scaled-network';

/**
 * `npm start`: the whole lab on this machine — the four webhook servers and the simulated
 * router, whose webhooks go to the network server. Each runs as its own process, exactly as
 * `npm run basic` … `npm run device` would; Ctrl-C stops them all, and so does npm going away
 * any other way (an IDE's stop button, `timeout`, a closed terminal). `npm start -- --scale 2`
 * runs the network server as two copies sharing one Redis, behind a load balancer (step 8).
 */
const STOP_GRACE_MS = 5000;
const write = (line: string): void => void process.stdout.write(`${line}\n`);
// `npm start -- --quiet`: one line per event in this terminal (everything is still in logs/).
const quiet = process.argv.includes('--quiet');
const writeServerLine = quiet ? quietOutput(write) : write;

function labPorts(config: Readonly<AppConfig>): NamedPort[] {
  return [
    ...SERVER_NAMES.map((name) => ({ name: `${name} server`, port: config.ports[name], envName: `${name.toUpperCase()}_PORT` })),
    { name: 'router SSH', port: config.device.port, envName: 'DEVICE_PORT' },
    { name: 'router control', port: config.deviceControlPort, envName: 'DEVICE_CONTROL_PORT' },
    { name: 'lab dashboard', port: config.dashboardPort, envName: 'DASHBOARD_PORT' },
  ];
}

async function main(): Promise<void> {
  let config: Readonly<AppConfig>;
  let scale: number;
  try {
    config = loadConfig(process.env);
    scale = scaleFrom(process.argv.slice(2));
  } catch (err) {
    write(err instanceof ConfigError ? err.message : (err as Error).message);
    process.exit(1);
  }
  const busy = await findBusyPorts(labPorts(config), config.host);
  if (busy.length > 0) {
    write(describeBusyPorts(busy));
    process.exit(1);
  }

  const scheme = config.tls ? 'https' : 'http';
  const webhookUrl = process.env.DEVICE_WEBHOOK_URL || `${scheme}://127.0.0.1:${config.ports.network}/events`;
  // With --scale the network server is started below, as copies behind a balancer.
  const single = scale === 1 ? SERVER_NAMES : SERVER_NAMES.filter((name) => name !== 'network');
  const processes = [
    ...single.map(
      (name) => new LabProcess(name, `servers/${name}/main.ts`, { ...process.env, PORT: String(config.ports[name]) }, writeServerLine),
    ),
    new LabProcess('router', 'simulator/main.ts', { ...process.env, DEVICE_WEBHOOK_URL: webhookUrl }, writeServerLine),
  ];
  let scaled: ScaledNetwork | undefined;

  let stopping = false;
  let dashboard: RunningDashboard | undefined;
  const dashboardLogger = createLogger({
    name: 'dashboard',
    logDir: config.logDir,
    fileName: 'dashboard.log',
    console: false,
    level: config.logLevel,
  });
  // Once, however many ways the stop is asked for: a second Ctrl-C, a SIGTERM, npm going away.
  // (`npm start` runs `node --import tsx`, not tsx's CLI: that CLI relays Ctrl-C again when this
  // process has not acknowledged it within 30 ms, and SIGKILLs it 30 ms later — on a busy
  // machine, before it could stop its servers and say so.)
  let stopped: Promise<never> | undefined;
  const stopAll = (code: number): Promise<never> =>
    (stopped ??= (async () => {
      stopping = true;
      await dashboard?.close();
      await Promise.all([...processes.map((p) => p.stop(STOP_GRACE_MS)), scaled?.stop(STOP_GRACE_MS)]);
      await dashboardLogger.close();
      write('hooklab stopped; every port is free again.');
      process.exit(code);
    })());
  // `on`, not `once`: with no listener left, a second signal would end the process at once,
  // before it could say that everything stopped.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));
  watchParent((what) => {
    write(`${what} is gone (stopped from an IDE or by a timeout?); stopping the lab.`);
    void stopAll(0);
  });
  for (const p of processes) {
    void p.exited.then((code) => {
      if (stopping) return;
      write(`${p.name} stopped unexpectedly (exit code ${code}); stopping the lab.`);
      void stopAll(1);
    });
  }

  try {
    if (scale > 1) scaled = await startScaledNetwork(config, process.env, scale, writeServerLine);
    await Promise.all(processes.map((p) => p.waitFor(/SERVER_START/, 30_000)));
  } catch (err) {
    write(`Cannot start the lab: ${(err as Error).message}`);
    await stopAll(1);
  }
  // The dashboard runs here, in the launcher: it reaches the servers and the router over loopback.
  const reach = isLoopbackHost(config.host) || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  try {
    dashboard = await startDashboard({
      config,
      servers: Object.fromEntries(
        SERVER_NAMES.map((name) => [name, `${scheme}://${reach.includes(':') ? `[${reach}]` : reach}:${config.ports[name]}`]),
      ) as Record<(typeof SERVER_NAMES)[number], string>,
      routerControlUrl: `http://127.0.0.1:${config.deviceControlPort}`,
      port: config.dashboardPort,
      logger: dashboardLogger,
    });
  } catch (err) {
    write(`Cannot start the lab dashboard: ${(err as Error).message}`);
    await stopAll(1);
  }
  if (scaled) watchCopies(scaled, () => stopping, stopAll);
  const copies = scaled && {
    copies: scaled.copies.map((c, i) => ({ name: c.name, url: scaled!.copyUrls[i]!, pid: c.child.pid ?? 0 })),
    redisUrl: scaled.redisUrl,
    ownRedis: scaled.ownRedis,
  };
  write(
    labBanner(config, webhookUrl, process.env.DEVICE_PASSWORD === undefined || process.env.DEVICE_PASSWORD === '', {
      dashboardUrl: dashboard?.url,
      scale: copies,
      // The router process started from the same inventory, so these are the routers that run.
      routers: loadDeviceInventory(config.device, config.deviceInventory, process.env),
    }),
  );
  if (quiet) write(`  Quiet: one line per event below; every log line is in ${config.logDir}/.\n`);
}

/**
 * A copy that stops is what step 8 is about: the others carry on behind the balancer. The lab
 * stops only when the last copy is gone, or when its own Redis is.
 */
function watchCopies(scaled: ScaledNetwork, stopping: () => boolean, stopAll: (code: number) => Promise<never>): void {
  let running = scaled.copies.length;
  for (const copy of scaled.copies) {
    void copy.exited.then((code) => {
      running -= 1;
      if (stopping()) return;
      if (running > 0) {
        write(
          `${copy.name} stopped (${code === null ? `signal ${copy.child.signalCode}` : `exit code ${code}`}); the balancer sends everything to the other ${running === 1 ? 'copy' : `${running} copies`}.`,
        );
        return;
      }
      write('every copy of the network server has stopped; stopping the lab.');
      void stopAll(1);
    });
  }
  void scaled.redis?.exited.then(() => {
    if (stopping()) return;
    write("the lab's redis-server stopped unexpectedly; stopping the lab.");
    void stopAll(1);
  });
}

void main();
