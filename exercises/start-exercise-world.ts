import { startFakeJokeApi } from '../servers/fake-apis/fake-joke-api';
import { startFakeCardApi, type FakeCardApi } from '../servers/fake-apis/fake-card-api';
import type { FakeApi } from '../servers/fake-apis/start-fake-server';
import type { EventLogger } from '../servers/lib/create-logger';
import { loadSimulatorConfig } from '../simulator/load-simulator-config';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { DEFAULT_CREDENTIALS, type ExerciseStep } from './exercise-steps';

export interface ExerciseWorldOptions {
  step: ExerciseStep;
  /** The environment (and `.env`): FAKE_*_PORT, DEVICE_*, WEBHOOK_*, AUTO_REMEDIATE, LOG_DIR … */
  env: Record<string, string | undefined>;
  /** Where the student's server listens; the router's webhooks go to `${serverUrl}/events`. */
  serverUrl: string;
  /** Folder that relative paths in the simulator's config (keys, logs) are resolved against. */
  cwd?: string;
  /** Where the router writes its log lines (default: LOG_DIR/device_simulator.log only). */
  routerLogger?: EventLogger;
}

/** What a step's server talks to: the stand-in APIs and the simulated router, all on loopback. */
export interface ExerciseWorld {
  /** The environment for the student's server: the addresses below, and the step's credentials. */
  serverEnv: Record<string, string>;
  joke?: FakeApi;
  card?: FakeCardApi;
  router?: RunningSimulator;
  /** Banner rows, [what, where]: what runs where. */
  describe(): Array<[string, string]>;
  close(): Promise<void>;
}

const port = (env: Record<string, string | undefined>, key: string, fallback: number): number => Number(env[key] || fallback);

/**
 * Starts what a step needs, on the lab's usual ports (FAKE_JOKE_PORT 8101, FAKE_CARD_PORT 8102,
 * DEVICE_PORT 2222, DEVICE_CONTROL_PORT 2280; 0 = any free port): nothing from the internet.
 */
export async function startExerciseWorld(options: ExerciseWorldOptions): Promise<ExerciseWorld> {
  const { step, env } = options;
  const serverEnv: Record<string, string> = {};
  const lines: Array<[string, string]> = [];
  const world: ExerciseWorld = {
    serverEnv,
    describe: () => lines,
    close: async () => {
      await world.router?.close();
      await Promise.all([world.joke?.close(), world.card?.close()]);
    },
  };
  try {
    if (step.jokeApi) {
      world.joke = await startFakeJokeApi({ port: port(env, 'FAKE_JOKE_PORT', 8101) });
      serverEnv.JOKE_API_URL = world.joke.url;
      lines.push(['joke API', `${world.joke.url}   a stand-in for icanhazdadjoke (JOKE_API_URL)`]);
    }
    if (step.cardApi) {
      world.card = await startFakeCardApi({ port: port(env, 'FAKE_CARD_PORT', 8102) });
      serverEnv.CARD_API_URL = world.card.url;
      lines.push(['card API', `${world.card.url}   a stand-in for deckofcardsapi (CARD_API_URL)`]);
    }
    if (step.credentials) {
      serverEnv.WEBHOOK_TOKEN = env.WEBHOOK_TOKEN || DEFAULT_CREDENTIALS.WEBHOOK_TOKEN;
      serverEnv.WEBHOOK_SECRET = env.WEBHOOK_SECRET || DEFAULT_CREDENTIALS.WEBHOOK_SECRET;
      lines.push(['credentials', `WEBHOOK_TOKEN=${serverEnv.WEBHOOK_TOKEN}  WEBHOOK_SECRET=${serverEnv.WEBHOOK_SECRET}`]);
    }
    if (step.router) {
      const config = loadSimulatorConfig(env, options.cwd);
      const webhookUrl = step.routerWebhooks ? `${options.serverUrl}/events` : undefined;
      world.router = await startSimulator({
        ...config,
        devices: config.devices.slice(0, 1),
        webhookUrl,
        ...(options.routerLogger && { logger: options.routerLogger }),
      });
      const device = world.router.devices[0]!;
      const spec = config.devices[0]!;
      Object.assign(serverEnv, {
        DEVICE_NAME: device.name, DEVICE_HOST: device.host, DEVICE_PORT: String(device.sshPort),
        DEVICE_USERNAME: spec.username, DEVICE_PASSWORD: spec.password, DEVICE_ENABLE_SECRET: spec.enableSecret,
      });
      lines.push(['router', `${device.name}  ssh ${spec.username}@${device.host} -p ${device.sshPort}; control ${world.router.controlUrl}`]);
      if (webhookUrl) {
        lines.push(['webhooks', `${device.name} -> ${webhookUrl}${config.webhookSecret ? ' (signed with WEBHOOK_SECRET)' : ''}`]);
        const remediate = env.AUTO_REMEDIATE === 'true';
        lines.push(['remediation', remediate ? 'AUTO_REMEDIATE=true: your server may repair' : `AUTO_REMEDIATE is off: diagnosis only (AUTO_REMEDIATE=true npm run exercise -- ${step.step} to repair)`]);
      }
    }
    return world;
  } catch (err) {
    await world.close().catch(() => undefined);
    throw err;
  }
}
