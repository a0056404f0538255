import path from 'node:path';
import Joi from 'joi';
import { loadDeviceInventory, loadInventoryLinks, type DeviceSpec, type LinkSpec } from '../common/inventory/device-inventory';
import { SHARED_ENV_FIELDS as shared, presentValues } from '../common/config/env-fields';

/** Everything `npm run device` needs, read once from the environment. */
export interface SimulatorConfig {
  devices: DeviceSpec[];
  /** Cables between the devices, from the inventory's `links`. */
  links: LinkSpec[];
  controlPort: number;
  webhookUrl?: string;
  webhookToken?: string;
  webhookSecret?: string;
  webhookSignature: 'standard' | 'github';
  webhookRetryForMs: number;
  webhookBaseDelayMs: number;
  logDir: string;
  logLevel: string;
  hostKeyDir: string;
  authorizedKeysFile: string;
  loginThrottle: { maxFailures: number; lockoutMs: number };
  allowInsecure: boolean;
}

const schema = Joi.object({
  DEVICE_NAME: shared.DEVICE_NAME.description('Hostname of the default device (IOS rules, at most 16 characters)'),
  DEVICE_HOST: shared.DEVICE_HOST.description('Address the device SSH servers listen on'),
  DEVICE_PORT: shared.DEVICE_PORT.description('SSH port of the default device'),
  DEVICE_USERNAME: shared.DEVICE_USERNAME.description('Login user (privilege 15)'),
  DEVICE_PASSWORD: shared.DEVICE_PASSWORD.description('Login password'),
  DEVICE_ENABLE_SECRET: shared.DEVICE_ENABLE_SECRET.description('Enable secret'),
  DEVICE_INVENTORY: shared.DEVICE_INVENTORY.description('Optional JSON file listing more devices'),
  DEVICE_CONTROL_PORT: shared.DEVICE_CONTROL_PORT.description('Loopback control API port'),
  DEVICE_WEBHOOK_URL: shared.DEVICE_WEBHOOK_URL.description('Where state changes are POSTed'),
  WEBHOOK_TOKEN: shared.WEBHOOK_TOKEN.description('Bearer token sent with each webhook'),
  WEBHOOK_SECRET: shared.WEBHOOK_SECRET.description('HMAC secret(s), comma-separated; the first signs'),
  DEVICE_WEBHOOK_SECRET: Joi.string().allow('').description("The default device's own webhook secret (a second signature)"),
  DEVICE_WEBHOOK_SIGNATURE: Joi.string()
    .valid('standard', 'github')
    .default('standard')
    .description('Standard Webhooks (timestamped) or GitHub-style signatures'),
  DEVICE_WEBHOOK_RETRY_S: Joi.number().integer().min(0).default(120).description('How long a failed webhook keeps being retried'),
  DEVICE_WEBHOOK_BACKOFF_MS: Joi.number()
    .integer()
    .min(1)
    .default(500)
    .description('First wait between webhook retries (doubles, with jitter)'),
  DEVICE_LOGIN_MAX_FAILURES: Joi.number()
    .integer()
    .min(1)
    .default(10)
    .description('Failed SSH logins from one address before it is locked out'),
  DEVICE_LOGIN_LOCKOUT_S: Joi.number().integer().min(1).default(60).description('How long a locked-out address is refused'),
  ALLOW_INSECURE: shared.ALLOW_INSECURE.description('Allow a non-loopback DEVICE_HOST with the default password'),
  LOG_DIR: shared.LOG_DIR.description('Folder for device_simulator.log'),
  LOG_LEVEL: shared.LOG_LEVEL.description('Lowest level logged'),
}).unknown(true);

/** Validates the environment; a bad value throws an Error naming the variable. */
export function loadSimulatorConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): SimulatorConfig {
  // Empty values in .env mean "not set", as they do for the servers.
  const present = presentValues(env);
  const { error, value } = schema.validate(present, { abortEarly: true });
  if (error) throw new Error(`Invalid configuration: ${error.message}`);
  const v = value as Record<string, string | number | undefined>;
  const inventory = v.DEVICE_INVENTORY ? path.resolve(cwd, String(v.DEVICE_INVENTORY)) : undefined;
  const devices = loadDeviceInventory(
    {
      name: String(v.DEVICE_NAME),
      host: String(v.DEVICE_HOST),
      port: Number(v.DEVICE_PORT),
      username: String(v.DEVICE_USERNAME),
      password: String(v.DEVICE_PASSWORD),
      enableSecret: String(v.DEVICE_ENABLE_SECRET),
    },
    inventory,
    present,
  );
  const secret = v.WEBHOOK_SECRET
    ? String(v.WEBHOOK_SECRET)
        .split(',')
        .map((s) => s.trim())
        .find((s) => s !== '')
    : undefined;
  return Object.freeze({
    devices,
    links: loadInventoryLinks(inventory),
    controlPort: Number(v.DEVICE_CONTROL_PORT),
    ...(v.DEVICE_WEBHOOK_URL && { webhookUrl: String(v.DEVICE_WEBHOOK_URL) }),
    ...(v.WEBHOOK_TOKEN && { webhookToken: String(v.WEBHOOK_TOKEN) }),
    ...(secret && { webhookSecret: secret }),
    webhookSignature: v.DEVICE_WEBHOOK_SIGNATURE as 'standard' | 'github',
    webhookRetryForMs: Number(v.DEVICE_WEBHOOK_RETRY_S) * 1000,
    webhookBaseDelayMs: Number(v.DEVICE_WEBHOOK_BACKOFF_MS),
    logDir: path.resolve(cwd, String(v.LOG_DIR)),
    logLevel: String(v.LOG_LEVEL),
    hostKeyDir: path.resolve(cwd, '.hooklab/keys'),
    authorizedKeysFile: path.resolve(cwd, '.hooklab/authorized_keys'),
    loginThrottle: { maxFailures: Number(v.DEVICE_LOGIN_MAX_FAILURES), lockoutMs: Number(v.DEVICE_LOGIN_LOCKOUT_S) * 1000 },
    allowInsecure: Boolean(v.ALLOW_INSECURE),
  });
}
