import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type AppConfig, type ServerName } from '../../servers/lib/config/load-config';
import { createLogger, type EventLogger } from '../../common/logging/create-logger';
import { startServer, type RunningServer } from '../../servers/lib/server/start-server';
import { startFakeJokeApi } from '../../servers/fake-apis/fake-joke-api';
import { startFakeCardApi } from '../../servers/fake-apis/fake-card-api';
import type { FakeApi } from '../../servers/fake-apis/start-fake-server';
import { startSimulator, type RunningSimulator } from '../../simulator/start-simulator';
import { freePort } from '../../lab/free-port';
import { LAB_APPS } from '../../lab/lab-apps';
import { labFolders } from '../../lab/lab-folders';
import type { GradeTargets, Target } from './grade-targets';

/** This repo's servers, running in this process for a grading run. */
export interface LocalTargets {
  targets: GradeTargets;
  /** The temporary folder of logs, backups and keys (removed by close). */
  dir: string;
  close(): Promise<void>;
}

// Made up per run: only the grader knows them.
const TOKEN = `grade-token-${process.pid}-${Date.now()}`;
const SECRET = `grade-secret-${process.pid}-${Date.now()}`;

/**
 * Starts, on port 0 and loopback only: the four servers (joke and card on the stand-in APIs),
 * a basic server with WEBHOOK_TOKEN and WEBHOOK_SECRET, joke and card servers whose stand-ins
 * fail on purpose (fallback off and on), and the router simulator wired both ways to the
 * network server. Logs, backups and known_hosts go to a temporary folder.
 */
export async function startLocalTargets(): Promise<LocalTargets> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-grade-'));
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const config = (env: Record<string, string>): Readonly<AppConfig> => loadConfig({ HOST: '127.0.0.1', ...labFolders(dir), ...env });
  const loggers: EventLogger[] = [];
  closers.push(async () => void (await Promise.all(loggers.map((l) => l.close()))));
  const serve = async (name: ServerName, env: Record<string, string> = {}): Promise<Target> => {
    const cfg = config(env);
    const logger = createLogger({ name, logDir: cfg.logDir, console: false });
    loggers.push(logger);
    const running: RunningServer = await startServer(LAB_APPS[name]({ config: cfg, logger }), { config: cfg, logger, port: 0 });
    closers.push(() => running.close(1000));
    return { label: `${name} server (this repo)`, url: running.url };
  };
  const standIn = async <T extends FakeApi>(start: Promise<T>, mode?: 'fail' | 'garbage' | 'stall'): Promise<T> => {
    const api = await start;
    closers.push(() => api.close());
    if (mode) api.setMode(mode);
    return api;
  };

  try {
    const [jokeOk, jokeFail, jokeGarbage, jokeStall] = await Promise.all([
      standIn(startFakeJokeApi()),
      standIn(startFakeJokeApi(), 'fail'),
      standIn(startFakeJokeApi(), 'garbage'),
      standIn(startFakeJokeApi(), 'stall'),
    ]);
    const [cardOk, cardFail] = await Promise.all([standIn(startFakeCardApi()), standIn(startFakeCardApi(), 'fail')]);
    const off = { OFFLINE_FALLBACK: 'off' };
    const [basic, security, joke, card, jokeDown, garbage, stall, cardDown, jokeFallback, cardFallback] = await Promise.all([
      serve('basic'),
      serve('basic', { WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET }),
      serve('joke', { JOKE_API_URL: jokeOk.url }),
      serve('card', { CARD_API_URL: cardOk.url }),
      serve('joke', { JOKE_API_URL: jokeFail.url, ...off }),
      serve('joke', { JOKE_API_URL: jokeGarbage.url, ...off }),
      serve('joke', { JOKE_API_URL: jokeStall.url, UPSTREAM_TIMEOUT_MS: '1500', ...off }),
      serve('card', { CARD_API_URL: cardFail.url, ...off }),
      serve('joke', { JOKE_API_URL: jokeFail.url }),
      serve('card', { CARD_API_URL: cardFail.url }),
    ]);
    const { network, sim } = await startRouterAndNetwork(dir, serve, closers);
    const targets: GradeTargets = {
      mode: 'local',
      servers: {
        basic,
        joke,
        card,
        network,
        deviceControl: { label: 'router simulator control port (this repo)', url: sim.controlUrl },
        security: { ...security, label: 'basic server with WEBHOOK_TOKEN and WEBHOOK_SECRET (this repo)' },
      },
      missing: {},
      auth: {},
      securityCredentials: { token: TOKEN, secret: SECRET },
      upstreamFaults: { jokeDown, jokeGarbage: garbage, jokeStall: stall, cardDown, jokeFallback, cardFallback },
    };
    return { targets, dir, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * The router's SSH port is chosen first, so the network server can be told where the router
 * is and the router where to send its webhooks. Another process could take that port in the
 * moment between; then it tries again.
 */
async function startRouterAndNetwork(
  dir: string,
  serve: (name: ServerName, env?: Record<string, string>) => Promise<Target>,
  closers: Array<() => Promise<void>>,
): Promise<{ network: Target; sim: RunningSimulator }> {
  for (let attempt = 1; ; attempt += 1) {
    const sshPort = await freePort();
    const network = await serve('network', { DEVICE_PORT: String(sshPort) });
    try {
      const sim = await startSimulator({
        devices: [
          { name: 'Router1', host: '127.0.0.1', port: sshPort, username: 'admin', password: 'cisco', enableSecret: 'cisco', privilege: 15 },
        ],
        controlPort: 0,
        hostKeyDir: path.join(dir, 'keys'),
        logDir: path.join(dir, 'logs'),
        logToConsole: false,
        webhookUrl: `${network.url}/events`,
      });
      closers.push(() => sim.close());
      return { network, sim };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw err;
    }
  }
}
