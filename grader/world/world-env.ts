/**
 * The environment a student's servers read to live in the grader's world: THE contract between
 * the grader and any implementation (documented in grader/README.md and INSTRUCTIONS.md).
 */
export interface WorldEnv {
  JOKE_API_URL: string;
  CARD_API_URL: string;
  DEVICE_NAME: string;
  DEVICE_HOST: string;
  DEVICE_PORT: string;
  DEVICE_USERNAME: string;
  DEVICE_PASSWORD: string;
  DEVICE_ENABLE_SECRET: string;
  WEBHOOK_TOKEN: string;
  WEBHOOK_SECRET: string;
}

/** The names, in the order they are printed. */
export const WORLD_ENV_NAMES: ReadonlyArray<keyof WorldEnv> = [
  'JOKE_API_URL',
  'CARD_API_URL',
  'DEVICE_NAME',
  'DEVICE_HOST',
  'DEVICE_PORT',
  'DEVICE_USERNAME',
  'DEVICE_PASSWORD',
  'DEVICE_ENABLE_SECRET',
  'WEBHOOK_TOKEN',
  'WEBHOOK_SECRET',
];

/** `NAME=value` lines, ready for a .env file. */
export function envLines(env: WorldEnv): string {
  return WORLD_ENV_NAMES.map((k) => `${k}=${env[k]}`).join('\n');
}
