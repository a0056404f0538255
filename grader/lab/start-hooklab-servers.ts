import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WebhookApp } from '../../servers/lib/create-webhook-app';
import { loadConfig } from '../../servers/lib/load-config';
import { createLogger, type EventLogger } from '../../servers/lib/create-logger';
import { startServer, type RunningServer } from '../../servers/lib/start-server';
import type { ServerDeps } from '../../servers/lib/run-server';
import { buildApp as buildBasicApp } from '../../servers/basic/app';
import { buildApp as buildJokeApp } from '../../servers/joke/app';
import { buildApp as buildCardApp } from '../../servers/card/app';
import { buildApp as buildNetworkApp } from '../../servers/network/app';
import type { WorldEnv } from '../world/world-env';
import type { LabTargets } from './lab-context';

/** This repo's curl-tests/ as one suite the grader can run (GRADE_CURL_SUITE). */
export const HOOKLAB_CURL_SUITE = path.join(__dirname, '..', 'hooklab', 'curl-suite.sh');

export interface HooklabServers {
  targets: LabTargets;
  close(): Promise<void>;
}

const BUILDERS: Record<'basic' | 'joke' | 'card' | 'network', (deps: ServerDeps) => WebhookApp> = {
  basic: buildBasicApp,
  joke: buildJokeApp,
  card: buildCardApp,
  network: (deps) => buildNetworkApp({ ...deps, env: {} }),
};

/**
 * This repo's four servers, in this process on free ports, started with nothing but the world's
 * environment (as a student's would be), logs, backups and known_hosts in a temporary folder.
 */
export async function startHooklabServers(env: WorldEnv): Promise<HooklabServers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-graded-'));
  const config = loadConfig({
    HOST: '127.0.0.1', LOG_DIR: path.join(dir, 'logs'), BACKUP_DIR: path.join(dir, 'backups'),
    KNOWN_HOSTS_FILE: path.join(dir, 'known_hosts'), ...env,
  });
  const loggers: EventLogger[] = [];
  const running: RunningServer[] = [];
  const close = async (): Promise<void> => {
    for (const server of running) await server.close(1000).catch(() => undefined);
    for (const logger of loggers) await logger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const targets: LabTargets = { servers: {}, missing: {} };
    for (const [name, build] of Object.entries(BUILDERS) as Array<[keyof typeof BUILDERS, (deps: ServerDeps) => WebhookApp]>) {
      const logger = createLogger({ name, logDir: config.logDir, console: false });
      loggers.push(logger);
      const server = await startServer(build({ config, logger }), { config, logger, port: 0 });
      running.push(server);
      targets.servers[name] = { label: `${name} server (this repo)`, url: server.url };
    }
    targets.servers.security = { ...targets.servers.basic! };
    return { targets, close };
  } catch (err) {
    await close();
    throw err;
  }
}
