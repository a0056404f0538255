import path from 'node:path';
import { startWorld, type RunningWorld, type WorldPorts } from './start-world';
import { WorldClient } from './world-client';
import { envLines } from './world-env';

const port = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isInteger(n) && n >= 0 && n < 65536 ? n : fallback;
};

/**
 * The ports `--serve` prefers (a busy one is replaced by a free one, and printed): the lab's
 * usual places for the stand-in APIs and the router.
 */
export function servePorts(env: Record<string, string | undefined>): WorldPorts {
  return {
    world: port(env.GRADE_WORLD_PORT, 8100),
    joke: port(env.FAKE_JOKE_PORT, 8101),
    card: port(env.FAKE_CARD_PORT, 8102),
    ssh: port(env.DEVICE_PORT, 2222),
    control: port(env.DEVICE_CONTROL_PORT, 2280),
  };
}

/** What `npm run grade -- --serve` prints: where everything is and the lines for a student's .env. */
export async function describeServedWorld(world: RunningWorld, networkUrl: string): Promise<string> {
  const info = await new WorldClient(world.url).info();
  const e = world.env;
  return [
    "The grader's world is running (Ctrl-C stops it).",
    '',
    `  jokes API (stand-in)  ${e.JOKE_API_URL}     make it fail: curl -X POST ${e.JOKE_API_URL}/__mode/fail  (ok, fail, garbage, slow, hang, down)`,
    `  cards API (stand-in)  ${e.CARD_API_URL}     the same: curl -X POST ${e.CARD_API_URL}/__mode/hang`,
    `  router ${e.DEVICE_NAME}        ssh ${e.DEVICE_USERNAME}@${e.DEVICE_HOST} -p ${e.DEVICE_PORT}  (password ${e.DEVICE_PASSWORD}); interfaces ${info.device.interfaces.map((i) => i.name).join(', ')}`,
    `  router control        ${info.device.control_url}  (POST /interfaces/<name>/shutdown, /no-shutdown, /flap)`,
    `  router webhooks    -> ${networkUrl}/events  (signed with WEBHOOK_SECRET, Bearer WEBHOOK_TOKEN)`,
    `  world control         ${world.url}  (POST /world/device/down, /hang and /up; GET /world)`,
    '',
    'Start your servers with these environment lines (e.g. in your .env):',
    '',
    envLines(e),
    `LOG_DIR=${world.logDir}`,
    '',
    'Then grade them against this world, in another terminal:',
    '',
    `  GRADE_WORLD_URL=${world.url} GRADE_BASIC_URL=http://127.0.0.1:8000 GRADE_JOKE_URL=http://127.0.0.1:8001 \\`,
    `  GRADE_CARD_URL=http://127.0.0.1:8002 GRADE_NETWORK_URL=${networkUrl} GRADE_CURL_SUITE=path/to/your_tests.sh npm run grade`,
    '',
  ].join('\n');
}

const CREDENTIALS = ['DEVICE_USERNAME', 'DEVICE_PASSWORD', 'DEVICE_ENABLE_SECRET', 'WEBHOOK_TOKEN', 'WEBHOOK_SECRET'] as const;

/**
 * Starts the world for `--serve` and keeps it until SIGINT/SIGTERM. Credentials set in its own
 * environment are kept (so a student's .env stays valid across restarts); the rest are made up.
 */
export async function serveWorld(env: Record<string, string | undefined>, out: NodeJS.WritableStream): Promise<void> {
  const networkUrl = (env.GRADE_NETWORK_URL || 'http://127.0.0.1:8003').replace(/\/+$/, '');
  const credentials = Object.fromEntries(CREDENTIALS.flatMap((k) => (env[k] ? [[k, env[k]]] : [])));
  // The lab's router host key (`npm start`, `npm run device`): a server that trusted that router
  // (.hooklab/known_hosts) trusts this one too, instead of answering DEVICE_HOST_KEY_CHANGED.
  const hostKeyDir = path.resolve(__dirname, '../..', '.hooklab', 'keys');
  const world = await startWorld({ ports: servePorts(env), networkUrl, echo: out, credentials, hostKeyDir });
  out.write(await describeServedWorld(world, networkUrl));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await world.close();
}
