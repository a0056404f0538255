import Joi from 'joi';
import { IOS_HOSTNAME } from '../ios/ios-names';
import { secretProblem } from '../signatures/webhook-secret';

/** A TCP port (0: any free one). */
export const port = Joi.number().integer().min(0).max(65535);

/** On or off: true/false, 1/0, yes/no, on/off. */
export const flag = Joi.boolean().truthy('1', 'yes', 'on').falsy('0', 'no', 'off');

/**
 * WEBHOOK_SECRET is a list, and a list is only as strong as its weakest entry: each secret is
 * checked on its own (`a-long-real-secret,x` would accept signatures made with `x`), and an
 * empty entry is an error, not "no secret" (`,,,,` must not start a server open).
 */
function eachSecret(value: string, helpers: Joi.CustomHelpers): string {
  const secrets = value.split(',').map((s) => s.trim());
  for (const [i, secret] of secrets.entries()) {
    const problem = secret === '' ? 'is empty' : secretProblem(secret);
    if (problem) return helpers.message({ custom: `{{#label}} secret ${i + 1} of ${secrets.length} ${problem}` }) as never;
  }
  return value;
}

/**
 * The variables the servers and the simulator both read from the one `.env`: one rule and one
 * default each, so a value one of them accepts the other never refuses. Each program adds the
 * description of what the value means to it (the token a server demands is the one the router sends).
 */
export const SHARED_ENV_FIELDS = {
  LOG_DIR: Joi.string().default('logs'),
  LOG_LEVEL: Joi.string().valid('error', 'warn', 'info', 'debug').default('info'),
  WEBHOOK_TOKEN: Joi.string().min(8),
  WEBHOOK_SECRET: Joi.string().custom(eachSecret),
  DEVICE_NAME: Joi.string().pattern(IOS_HOSTNAME).default('Router1'),
  DEVICE_HOST: Joi.string().hostname().default('127.0.0.1'),
  DEVICE_PORT: port.default(2222),
  DEVICE_USERNAME: Joi.string().min(1).max(64).default('admin'),
  DEVICE_PASSWORD: Joi.string().min(1).default('cisco'),
  DEVICE_ENABLE_SECRET: Joi.string().min(1).default('cisco'),
  DEVICE_INVENTORY: Joi.string(),
  DEVICE_CONTROL_PORT: port.default(2280),
  DEVICE_WEBHOOK_URL: Joi.string().uri({ scheme: ['http', 'https'] }),
  ALLOW_INSECURE: flag.default(false),
};

/** Empty values in `.env` (`WEBHOOK_TOKEN=`, or only spaces) mean "not set", for every program. */
export function presentValues(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1].trim() !== ''),
  );
}
