import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { loadConfig, type ServerName } from '../servers/lib/config/load-config';
import { createLogger, type EventLogger } from '../common/logging/create-logger';
import { startServer, type RunningServer } from '../servers/lib/server/start-server';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { freePort } from './free-port';
import { LAB_APPS } from './lab-apps';
import { labFolders } from './lab-folders';
import { startDashboard, type RunningDashboard } from './dashboard/start-dashboard';
import { startBalancer, type RunningBalancer } from './round-robin-balancer';

export interface InProcessLab {
  /** Base URL of each server, e.g. http://127.0.0.1:40123. */
  urls: Record<ServerName, string>;
  router: RunningSimulator;
  routerSshPort: number;
  /** Where the servers and the router write their log files (removed by close). */
  logDir: string;
  /** The lab dashboard's URL, when asked for. */
  dashboardUrl?: string;
  /** With `scale` > 1: each network copy's own URL (urls.network is the balancer in front). */
  copies: string[];
  close(): Promise<void>;
}

export interface InProcessLabOptions {
  /** Environment for every server and the router (WEBHOOK_TOKEN, AUTO_REMEDIATE, …). */
  env?: Record<string, string>;
  /** Where log lines go besides LOG_DIR (e.g. a stream the demo reads). */
  stream?: Writable;
  /** Upstream APIs; by default a closed loopback port, so the offline fallback answers. */
  upstreamUrl?: string;
  /** Also start the lab dashboard (on a free port), as `npm start` does. */
  dashboard?: boolean;
  /** Step 8: this many network copies sharing `redisUrl`, behind a round-robin balancer. */
  scale?: number;
  redisUrl?: string;
}

/**
 * The whole lab inside one process, on free ports, in a temporary folder: the demo and the
 * tests of INSTRUCTIONS.md use it. The router's webhooks go to this lab's network server,
 * signed and authenticated with the same WEBHOOK_SECRET / WEBHOOK_TOKEN as the servers.
 */
export async function startInProcessLab(options: InProcessLabOptions = {}): Promise<InProcessLab> {
  // The router's port is picked before it is bound (see below): a suite running beside this one
  // may take it in between. Then the whole lab starts again, on new ports.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce(options);
    } catch (err) {
      if (attempt >= 3 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    }
  }
}

async function startOnce(options: InProcessLabOptions): Promise<InProcessLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-lab-'));
  const env = { ...options.env };
  const upstream = options.upstreamUrl ?? 'http://127.0.0.1:9';
  // The router's port is chosen first: the network server must know it, and the router must
  // know the network server's URL.
  const routerSshPort = await freePort();
  const base = {
    RATE_LIMIT_PER_MIN: '0',
    ...labFolders(dir),
    JOKE_API_URL: upstream,
    CARD_API_URL: upstream,
    DEVICE_PORT: String(routerSshPort),
    ...env,
  };
  const config = loadConfig(base);
  const loggers: EventLogger[] = [];
  const running: RunningServer[] = [];
  const urls = {} as Record<ServerName, string>;
  const scale = options.scale ?? 1;
  let router: RunningSimulator | undefined;
  let balancer: RunningBalancer | undefined;
  let dashboard: RunningDashboard | undefined;
  const close = async (): Promise<void> => {
    await dashboard?.close();
    await router?.close();
    await balancer?.close();
    for (const server of running) await server.close(1000);
    for (const logger of loggers) await logger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const name of Object.keys(LAB_APPS) as ServerName[]) {
      if (name === 'network' && scale > 1) continue;
      const logger = createLogger({ name, logDir: config.logDir, console: false, stream: options.stream, rotation: config.logRotation });
      loggers.push(logger);
      const server = await startServer(LAB_APPS[name]({ config, logger }), { config, logger, port: 0 });
      running.push(server);
      urls[name] = server.url;
    }
    // Step 8, as `npm start -- --scale N` runs it: copies that share Redis and trust the balancer's X-Forwarded-For.
    const copies: string[] = [];
    if (scale > 1) {
      if (!options.redisUrl) throw new Error('scale > 1 needs a redisUrl');
      const copyConfig = loadConfig({ ...base, REDIS_URL: options.redisUrl, TRUST_PROXY: 'true' });
      for (let i = 1; i <= scale; i += 1) {
        const logger = createLogger({
          name: 'network',
          logDir: config.logDir,
          console: false,
          stream: options.stream,
          rotation: config.logRotation,
        });
        loggers.push(logger);
        const server = await startServer(LAB_APPS.network({ config: copyConfig, logger }), { config: copyConfig, logger, port: 0 });
        running.push(server);
        copies.push(server.url);
      }
      balancer = await startBalancer({
        host: '127.0.0.1',
        port: 0,
        forwardedFor: true,
        targets: copies.map((url, i) => ({ name: `network-${i + 1}`, url })),
      });
      urls.network = balancer.url;
    }
    const routerLogger = createLogger({
      name: 'router',
      logDir: config.logDir,
      fileName: 'device_simulator.log',
      console: false,
      stream: options.stream,
      rotation: config.logRotation,
    });
    loggers.push(routerLogger);
    router = await startSimulator({
      devices: [
        {
          name: 'Router1',
          host: '127.0.0.1',
          port: routerSshPort,
          username: 'admin',
          password: 'cisco',
          enableSecret: 'cisco',
          privilege: 15,
        },
      ],
      hostKeyDir: path.join(dir, 'keys'),
      logger: routerLogger,
      webhookUrl: `${urls.network}/events`,
      webhookToken: config.webhookToken,
      webhookSecret: config.webhookSecrets[0],
    });
    if (options.dashboard) {
      const logger = createLogger({ name: 'dashboard', logDir: config.logDir, fileName: 'dashboard.log', console: false });
      loggers.push(logger);
      dashboard = await startDashboard({ config, servers: urls, routerControlUrl: router.controlUrl, port: 0, logger });
    }
    return { urls, router, routerSshPort, logDir: config.logDir, dashboardUrl: dashboard?.url, copies, close };
  } catch (err) {
    await close();
    throw err;
  }
}
