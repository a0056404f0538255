import type { EventLogger } from '../common/logging/create-logger';
import { startWorld } from '../grader/world/start-world';
import { WorldClient } from '../grader/world/world-client';
import type { WorldEnv } from '../grader/world/world-env';
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
  const preferred = {
    joke: step.jokeApi ? port(env, 'FAKE_JOKE_PORT', 8101) : 0,
    card: step.cardApi ? port(env, 'FAKE_CARD_PORT', 8102) : 0,
    ssh: step.router ? port(env, 'DEVICE_PORT', 2222) : 0,
    control: step.router ? port(env, 'DEVICE_CONTROL_PORT', 2280) : 0,
  };
  // A preferred port that is taken (`npm run grade -- --serve`, `npm run fake-apis`) is replaced by a free one.
  const world = await startWorld({
    ports: preferred,
    credentials,
    ...(step.routerWebhooks && { networkUrl: options.serverUrl }),
    ...(options.hostKeyDir && { hostKeyDir: options.hostKeyDir }),
    ...(options.routerLogger && { routerLogger: options.routerLogger }),
  });
  const portOf = (url: string): number => Number(new URL(url).port);
  const actual = {
    joke: portOf(world.env.JOKE_API_URL),
    card: portOf(world.env.CARD_API_URL),
    ssh: Number(world.env.DEVICE_PORT),
    control: portOf(world.deviceControlUrl),
  };
  const names = { joke: 'joke API stand-in', card: 'card API stand-in', ssh: 'router SSH', control: 'router control' };
  const moved = (Object.keys(preferred) as Array<keyof typeof preferred>)
    .filter((k) => preferred[k] !== 0 && actual[k] !== preferred[k])
    .map((k): [string, string] => ['note', `port ${preferred[k]} is in use, so the ${names[k]} is on ${actual[k]}`]);
  const lines = [...describeWorld(step, world.env, world.url, world.deviceControlUrl, options.serverUrl, env), ...moved];
  return {
    serverEnv: { ...world.env },
    routerControlUrl: world.deviceControlUrl,
    webhooksIdle: () => world.webhooksIdle(),
    describe: () => lines,
    close: () => world.close(),
  };
}

/**
 * Joins a world that already runs (`npm run grade -- --serve`, at GRADE_WORLD_URL) instead of
 * starting one: the step's server gets that world's environment, so the grader started against
 * that world grades it. Stopping the exercise leaves the world running.
 */
export async function joinExerciseWorld(
  worldUrl: string,
  step: ExerciseStep,
  serverUrl: string,
  env: Record<string, string | undefined>,
): Promise<ExerciseWorld> {
  const url = worldUrl.replace(/\/+$/, '');
  const info = await new WorldClient(url).info();
  const lines = describeWorld(step, info.env, url, info.device.control_url, serverUrl, env);
  if (step.routerWebhooks && info.relay.target !== serverUrl)
    lines.push(['note', `that world's router sends its webhooks to ${info.relay.target ?? 'nowhere'}/events, not to this server`]);
  lines.push(['world', `${url} (GRADE_WORLD_URL; it keeps running when this stops)`]);
  return {
    serverEnv: { ...info.env },
    routerControlUrl: info.device.control_url,
    webhooksIdle: () => Promise.resolve(),
    describe: () => lines,
    close: () => Promise.resolve(),
  };
}

/** Banner rows for a world's parts the step uses. */
function describeWorld(
  step: ExerciseStep,
  e: WorldEnv,
  worldUrl: string,
  controlUrl: string,
  serverUrl: string,
  env: Record<string, string | undefined>,
): Array<[string, string]> {
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
    lines.push(['router', `${e.DEVICE_NAME}  ssh ${e.DEVICE_USERNAME}@${e.DEVICE_HOST} -p ${e.DEVICE_PORT}; control ${controlUrl}`]);
    lines.push([
      '',
      `take it off the network: curl -X POST ${worldUrl}/world/device/down   (/hang: it accepts and says nothing; /up to bring it back)`,
    ]);
  }
  if (step.routerWebhooks) {
    // What the student's server really receives: a POST relayed by the world, signed GitHub-style.
    lines.push(['webhooks', `${e.DEVICE_NAME} -> ${worldUrl}/router/events (the world's relay, which records it) -> ${serverUrl}/events`]);
    lines.push(['', 'with Authorization: Bearer WEBHOOK_TOKEN and X-Hub-Signature-256 (HMAC-SHA256 of the body with WEBHOOK_SECRET)']);
    const remediate = env.AUTO_REMEDIATE === 'true';
    lines.push([
      'remediation',
      remediate
        ? 'AUTO_REMEDIATE=true: your server may repair'
        : `AUTO_REMEDIATE is off: diagnosis only (AUTO_REMEDIATE=true npm run exercise -- ${step.step} to repair)`,
    ]);
  }
  return lines;
}
