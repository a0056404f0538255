import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { loadConfig, type ServerName } from '../servers/lib/load-config';
import { createLogger, type EventLogger } from '../servers/lib/create-logger';
import { startServer, type RunningServer } from '../servers/lib/start-server';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { freePort } from './free-port';
import { LAB_APPS } from './lab-apps';
import { labFolders } from './lab-folders';

export interface InProcessLab {
  /** Base URL of each server, e.g. http://127.0.0.1:40123. */
  urls: Record<ServerName, string>;
  router: RunningSimulator;
  routerSshPort: number;
  /** Where the servers and the router write their log files (removed by close). */
  logDir: string;
  close(): Promise<void>;
}

export interface InProcessLabOptions {
  /** Environment for every server and the router (WEBHOOK_TOKEN, AUTO_REMEDIATE, …). */
  env?: Record<string, string>;
  /** Where log lines go besides LOG_DIR (e.g. a stream the demo reads). */
  stream?: Writable;
  /** Upstream APIs; by default a closed loopback port, so the offline fallback answers. */
  upstreamUrl?: string;
}

/**
 * The whole lab inside one process, on free ports, in a temporary folder: the demo and the
 * tests of INSTRUCTIONS.md use it. The router's webhooks go to this lab's network server,
 * signed and authenticated with the same WEBHOOK_SECRET / WEBHOOK_TOKEN as the servers.
 */
export async function startInProcessLab(options: InProcessLabOptions = {}): Promise<InProcessLab> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-lab-'));
  const env = { ...options.env };
  const upstream = options.upstreamUrl ?? 'http://127.0.0.1:9';
  // The router's port is chosen first: the network server must know it, and the router must
  // know the network server's URL.
  const routerSshPort = await freePort();
  const config = loadConfig({
    RATE_LIMIT_PER_MIN: '0', ...labFolders(dir), JOKE_API_URL: upstream, CARD_API_URL: upstream,
    DEVICE_PORT: String(routerSshPort), ...env,
  });
  const loggers: EventLogger[] = [];
  const running: RunningServer[] = [];
  const urls = {} as Record<ServerName, string>;
  for (const name of Object.keys(LAB_APPS) as ServerName[]) {
    const logger = createLogger({ name, logDir: config.logDir, console: false, stream: options.stream, rotation: config.logRotation });
    loggers.push(logger);
    const server = await startServer(LAB_APPS[name]({ config, logger }), { config, logger, port: 0 });
    running.push(server);
    urls[name] = server.url;
  }
  const routerLogger = createLogger({ name: 'router', logDir: config.logDir, fileName: 'device_simulator.log', console: false, stream: options.stream, rotation: config.logRotation });
  loggers.push(routerLogger);
  const router = await startSimulator({
    devices: [{ name: 'Router1', host: '127.0.0.1', port: routerSshPort, username: 'admin', password: 'cisco', enableSecret: 'cisco', privilege: 15 }],
    hostKeyDir: path.join(dir, 'keys'),
    logger: routerLogger,
    webhookUrl: `${urls.network}/events`,
    webhookToken: config.webhookToken,
    webhookSecret: config.webhookSecrets[0],
  });
  return {
    urls,
    router,
    routerSshPort,
    logDir: config.logDir,
    close: async () => {
      await router.close();
      for (const server of running) await server.close(1000);
      for (const logger of loggers) await logger.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
