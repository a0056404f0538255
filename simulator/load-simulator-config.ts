import path from 'node:path';
import Joi from 'joi';
import { loadDeviceInventory, loadInventoryLinks, type DeviceSpec, type LinkSpec } from '../servers/lib/device-inventory';

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

const HOSTNAME = /^[A-Za-z][A-Za-z0-9-]{0,15}$/;
const flag = Joi.boolean().truthy('1', 'yes', 'on').falsy('0', 'no', 'off');

const schema = Joi.object({
  DEVICE_NAME: Joi.string().pattern(HOSTNAME).default('Router1').description('Hostname of the default device (IOS rules, at most 16 characters)'),
  DEVICE_HOST: Joi.string().hostname().default('127.0.0.1').description('Address the device SSH servers listen on'),
  DEVICE_PORT: Joi.number().port().default(2222).description('SSH port of the default device'),
  DEVICE_USERNAME: Joi.string().min(1).max(64).default('admin').description('Login user (privilege 15)'),
  DEVICE_PASSWORD: Joi.string().min(1).default('cisco').description('Login password'),
  DEVICE_ENABLE_SECRET: Joi.string().min(1).default('cisco').description('Enable secret'),
  DEVICE_INVENTORY: Joi.string().allow('').description('Optional JSON file listing more devices'),
  DEVICE_CONTROL_PORT: Joi.number().port().default(2280).description('Loopback control API port'),
  DEVICE_WEBHOOK_URL: Joi.string().uri({ scheme: ['http', 'https'] }).allow('').description('Where state changes are POSTed'),
  WEBHOOK_TOKEN: Joi.string().allow('').description('Bearer token sent with each webhook'),
  WEBHOOK_SECRET: Joi.string().allow('').description('HMAC secret(s), comma-separated; the first signs'),
  DEVICE_WEBHOOK_SECRET: Joi.string().allow('').description("The default device's own webhook secret (a second signature)"),
  DEVICE_WEBHOOK_SIGNATURE: Joi.string().valid('standard', 'github').default('standard').description('Standard Webhooks (timestamped) or GitHub-style signatures'),
  DEVICE_WEBHOOK_RETRY_S: Joi.number().integer().min(0).default(120).description('How long a failed webhook keeps being retried'),
  DEVICE_WEBHOOK_BACKOFF_MS: Joi.number().integer().min(1).default(500).description('First wait between webhook retries (doubles, with jitter)'),
  DEVICE_LOGIN_MAX_FAILURES: Joi.number().integer().min(1).default(10).description('Failed SSH logins from one address before it is locked out'),
  DEVICE_LOGIN_LOCKOUT_S: Joi.number().integer().min(1).default(60).description('How long a locked-out address is refused'),
  ALLOW_INSECURE: flag.default(false).description('Allow a non-loopback DEVICE_HOST with the default password'),
  LOG_DIR: Joi.string().default('logs').description('Folder for device_simulator.log'),
  LOG_LEVEL: Joi.string().valid('error', 'warn', 'info', 'debug').default('info').description('Lowest level logged'),
}).unknown(true);

/** Validates the environment; a bad value throws an Error naming the variable. */
export function loadSimulatorConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): SimulatorConfig {
  // Empty values in .env mean "not set", as they do for the servers.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const { error, value } = schema.validate(present, { abortEarly: true });
  if (error) throw new Error(`Invalid configuration: ${error.message}`);
  const v = value as Record<string, string | number | undefined>;
  const inventory = v.DEVICE_INVENTORY ? path.resolve(cwd, String(v.DEVICE_INVENTORY)) : undefined;
  const devices = loadDeviceInventory(
    {
      name: String(v.DEVICE_NAME), host: String(v.DEVICE_HOST), port: Number(v.DEVICE_PORT),
      username: String(v.DEVICE_USERNAME), password: String(v.DEVICE_PASSWORD), enableSecret: String(v.DEVICE_ENABLE_SECRET),
    },
    inventory,
    present,
  );
  const secret = v.WEBHOOK_SECRET ? String(v.WEBHOOK_SECRET).split(',').map((s) => s.trim()).find((s) => s !== '') : undefined;
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
