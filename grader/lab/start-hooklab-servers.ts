import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, SERVER_NAMES } from '../../servers/lib/config/load-config';
import { createLogger, type EventLogger } from '../../common/logging/create-logger';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { LAB_APPS } from '../../lab/lab-apps';
import { labFolders } from '../../lab/lab-folders';
import type { WorldEnv } from '../world/world-env';
import type { LabTargets } from './lab-context';

/** This repo's curl-tests/ as one suite the grader can run (GRADE_CURL_SUITE). */
export const HOOKLAB_CURL_SUITE = path.join(__dirname, '..', 'hooklab', 'curl-suite.sh');

export interface HooklabServers {
  targets: LabTargets;
  close(): Promise<void>;
}

/**
 * This repo's four servers, in this process on free ports, started with nothing but the world's
 * environment (as a student's would be), logs, backups and known_hosts in a temporary folder
 * (the logs in `logDir` when given: a world's, where a grade by URL reads them).
 */
export async function startHooklabServers(env: WorldEnv, options: { logDir?: string } = {}): Promise<HooklabServers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-graded-'));
  const config = loadConfig({ HOST: '127.0.0.1', ...labFolders(dir), ...env, ...(options.logDir && { LOG_DIR: options.logDir }) });
  const loggers: EventLogger[] = [];
  const running: RunningServer[] = [];
  const close = async (): Promise<void> => {
    for (const server of running) await server.close(1000).catch(() => undefined);
    for (const logger of loggers) await logger.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const targets: LabTargets = { servers: {}, missing: {} };
    for (const name of SERVER_NAMES) {
      const logger = createLogger({ name, logDir: config.logDir, console: false });
      loggers.push(logger);
      const server = await startServer(LAB_APPS[name]({ config, logger }), { config, logger, port: 0 });
      running.push(server);
      targets.servers[name] = { label: `${name} server (this repo)`, url: server.url };
    }
    targets.servers.security = { ...targets.servers.basic! };
    return { targets: { ...targets, logs: { dir: config.logDir } }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
