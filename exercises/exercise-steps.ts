import path from 'node:path';

/** What `npm run exercise -- N` starts for a step, and how to try it. */
export interface ExerciseStep {
  step: number;
  title: string;
  /** Names the log file, as the reference servers do. */
  server: 'basic' | 'joke' | 'card' | 'network';
  /** hooklab's own port for this step (the reference server's). */
  port: number;
  jokeApi: boolean;
  cardApi: boolean;
  router: boolean;
  /** The router's webhooks go to the student's server. */
  routerWebhooks: boolean;
  /** The server needs WEBHOOK_TOKEN / WEBHOOK_SECRET. */
  credentials: boolean;
  /** A request to try first (`$URL` is the server's base URL). */
  tryIt: string;
}

const JSON_HEADER = '-H "Content-Type: application/json"';

export const EXERCISE_STEPS: readonly ExerciseStep[] = [
  {
    step: 1,
    title: 'the listener',
    server: 'basic',
    port: 8000,
    jokeApi: false,
    cardApi: false,
    router: false,
    routerWebhooks: false,
    credentials: false,
    tryIt: `curl -X POST $URL/events ${JSON_HEADER} -d '{"event": "InterfaceDown", "device": "Router1", "interface": "GigabitEthernet1"}'`,
  },
  {
    step: 2,
    title: 'an event triggers an API call',
    server: 'joke',
    port: 8001,
    jokeApi: true,
    cardApi: false,
    router: false,
    routerWebhooks: false,
    credentials: false,
    tryIt: `curl -X POST $URL/events ${JSON_HEADER} -d '{"event": "JokeRequest"}'`,
  },
  {
    step: 3,
    title: 'state across events',
    server: 'card',
    port: 8002,
    jokeApi: false,
    cardApi: true,
    router: false,
    routerWebhooks: false,
    credentials: false,
    tryIt: `curl -X POST $URL/events ${JSON_HEADER} -d '{"event": "CardDraw", "count": 2}'`,
  },
  {
    step: 4,
    title: 'an event drives a device',
    server: 'network',
    port: 8003,
    jokeApi: false,
    cardApi: false,
    router: true,
    routerWebhooks: false,
    credentials: false,
    tryIt: `curl -X POST $URL/events ${JSON_HEADER} -d '{"event": "NetworkDeviceCheck"}'`,
  },
  {
    step: 5,
    title: 'only trusted senders',
    server: 'basic',
    port: 8000,
    jokeApi: false,
    cardApi: false,
    router: false,
    routerWebhooks: false,
    credentials: true,
    tryIt: `curl -X POST $URL/events -H "Authorization: Bearer $WEBHOOK_TOKEN" ${JSON_HEADER} -d '{"event": "InterfaceDown"}'`,
  },
  {
    step: 6,
    title: 'close the loop',
    server: 'network',
    port: 8003,
    jokeApi: false,
    cardApi: false,
    router: true,
    routerWebhooks: true,
    credentials: false,
    tryIt: 'curl -X POST $CONTROL/interfaces/GigabitEthernet2/shutdown',
  },
];

/** The step, or undefined for anything that is not 1–6. */
export function exerciseStep(step: number): ExerciseStep | undefined {
  return EXERCISE_STEPS.find((s) => s.step === step);
}

/** The file a step's server lives in: the starter the student edits, or the solution. */
export function exerciseEntry(step: number, solution: boolean, dir = 'exercises'): string {
  return path.join(dir, ...(solution ? ['solutions'] : []), `step${step}`, 'server.ts');
}

/** The credentials of the router and of senders when `.env` has none: the ones INSTRUCTIONS uses. */
export const DEFAULT_CREDENTIALS = {
  DEVICE_USERNAME: 'admin',
  DEVICE_PASSWORD: 'cisco',
  DEVICE_ENABLE_SECRET: 'cisco',
  WEBHOOK_TOKEN: 'lab6-token-change-me',
  WEBHOOK_SECRET: 'lab6-secret-change-me',
} as const;
