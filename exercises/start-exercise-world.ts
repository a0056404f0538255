import type { EventLogger } from '../common/logging/create-logger';
import { startWorld } from '../grader/world/start-world';
import { DEFAULT_CREDENTIALS, type ExerciseStep } from './exercise-steps';

export interface ExerciseWorldOptions {
  step: ExerciseStep;
  /** The environment (and `.env`): FAKE_*_PORT, DEVICE_*, WEBHOOK_*, AUTO_REMEDIATE … */
  env: Record<string, string | undefined>;
  /** Where the student's server listens; the router's webhooks go to `${serverUrl}/events` in step 6. */
  serverUrl: string;
  /** Where the router's SSH host key is kept (default: a new one each time). */
  hostKeyDir?: string;
  /** Where the router writes its log lines. */
  routerLogger?: EventLogger;
}

/** What a step's server talks to: the grader's world, with the lab's usual ports and credentials. */
export interface ExerciseWorld {
  /** The environment for the student's server: the world's (the same `npm run check` gives it). */
  serverEnv: Record<string, string>;
  /** The router's own control port (shut, unshut, flap an interface). */
  routerControlUrl: string;
  /** Resolves once every webhook the router has queued was delivered or given up. */
  webhooksIdle(): Promise<void>;
  /** Banner rows, [what, where]: what the step uses, and where it runs. */
  describe(): Array<[string, string]>;
  close(): Promise<void>;
}

const port = (env: Record<string, string | undefined>, key: string, fallback: number): number => Number(env[key] || fallback);

/**
 * Starts the grader's world (grader/world: the stand-in APIs, the router, the relay of its
 * webhooks) for one step: what the step uses on the lab's usual ports (FAKE_JOKE_PORT 8101,
 * FAKE_CARD_PORT 8102, DEVICE_PORT 2222, DEVICE_CONTROL_PORT 2280; 0 = any free port), the rest
 * on free ones; the credentials INSTRUCTIONS uses unless the environment has its own. Nothing
 * from the internet.
 */
export async function startExerciseWorld(options: ExerciseWorldOptions): Promise<ExerciseWorld> {
  const { step, env } = options;
  const credentials = Object.fromEntries(Object.entries(DEFAULT_CREDENTIALS).map(([k, fallback]) => [k, env[k] || fallback]));
  const world = await startWorld({
    ports: {
      joke: step.jokeApi ? port(env, 'FAKE_JOKE_PORT', 8101) : 0,
      card: step.cardApi ? port(env, 'FAKE_CARD_PORT', 8102) : 0,
      ssh: step.router ? port(env, 'DEVICE_PORT', 2222) : 0,
      control: step.router ? port(env, 'DEVICE_CONTROL_PORT', 2280) : 0,
    },
    credentials,
    ...(step.routerWebhooks && { networkUrl: options.serverUrl }),
    ...(options.hostKeyDir && { hostKeyDir: options.hostKeyDir }),
    ...(options.routerLogger && { routerLogger: options.routerLogger }),
  });
  const e = world.env;
  const lines: Array<[string, string]> = [];
  if (step.jokeApi) {
    lines.push(['joke API', `${e.JOKE_API_URL}   a stand-in for icanhazdadjoke (JOKE_API_URL)`]);
    lines.push(['', `make it fail: curl -X POST ${e.JOKE_API_URL}/__mode/fail   (or garbage, down, hang; ok to mend it)`]);
  }
  if (step.cardApi) {
    lines.push(['card API', `${e.CARD_API_URL}   a stand-in for deckofcardsapi (CARD_API_URL)`]);
    lines.push(['', `make it fail: curl -X POST ${e.CARD_API_URL}/__mode/fail   (or garbage, down, hang; ok to mend it)`]);
  }
  if (step.credentials) lines.push(['credentials', `WEBHOOK_TOKEN=${e.WEBHOOK_TOKEN}  WEBHOOK_SECRET=${e.WEBHOOK_SECRET}`]);
  if (step.router) {
    lines.push([
      'router',
      `${e.DEVICE_NAME}  ssh ${e.DEVICE_USERNAME}@${e.DEVICE_HOST} -p ${e.DEVICE_PORT}; control ${world.deviceControlUrl}`,
    ]);
    lines.push([
      '',
      `take it off the network: curl -X POST ${world.url}/world/device/down   (/hang: it accepts and says nothing; /up to bring it back)`,
    ]);
  }
  if (step.routerWebhooks) {
    lines.push(['webhooks', `${e.DEVICE_NAME} -> ${options.serverUrl}/events (Bearer WEBHOOK_TOKEN, signed with WEBHOOK_SECRET)`]);
    const remediate = env.AUTO_REMEDIATE === 'true';
    lines.push([
      'remediation',
      remediate
        ? 'AUTO_REMEDIATE=true: your server may repair'
        : `AUTO_REMEDIATE is off: diagnosis only (AUTO_REMEDIATE=true npm run exercise -- ${step.step} to repair)`,
    ]);
  }
  return {
    serverEnv: { ...e },
    routerControlUrl: world.deviceControlUrl,
    webhooksIdle: () => world.webhooksIdle(),
    describe: () => lines,
    close: () => world.close(),
  };
}
