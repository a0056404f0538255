import fs from 'node:fs';
import Joi from 'joi';
import { standardWebhookKey } from '../signatures/webhook-signatures';
import { IOS_HOSTNAME, STRICT_INTERFACE_NAME } from '../ios/ios-names';

/** One interface of a simulated or managed device. */
export interface InterfaceSpec {
  name: string;
  /** Address with prefix length, e.g. "10.0.0.1/24". */
  ip?: string;
  description?: string;
  shutdown?: boolean;
}

/** Where a device listens and how to log in: DEVICE_* in `.env`, the defaults of every inventory entry. */
export interface DeviceDefaults {
  name: string;
  host: string;
  port: number;
  username: string;
  password: string;
  enableSecret: string;
}

/** One device: where it listens, how to log in (DeviceDefaults), and what it looks like. */
export interface DeviceSpec extends DeviceDefaults {
  privilege: 1 | 15;
  model?: string;
  version?: string;
  serial?: string;
  interfaces?: InterfaceSpec[];
  /**
   * This device's own webhook secret: the simulator adds a signature made with it, and the
   * network server takes that signature as proof that the event really comes from this device.
   */
  webhookSecret?: string;
}

/** One end of a cable: `{ "device": "Router1", "interface": "GigabitEthernet1" }`. */
export interface LinkEndSpec {
  device: string;
  interface: string;
}

/** A cable between two devices of the inventory. Only the simulator uses links (its lab topology). */
export interface LinkSpec {
  a: LinkEndSpec;
  b: LinkEndSpec;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const IPV4_PREFIX = /^((25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(25[0-5]|2[0-4]\d|1?\d?\d)\/([0-9]|[12]\d|3[0-2])$/;

const interfaceSchema = Joi.object({
  name: Joi.string().pattern(STRICT_INTERFACE_NAME).required().description('Full interface name, e.g. GigabitEthernet1'),
  ip: Joi.string().pattern(IPV4_PREFIX).description('IPv4 address with prefix length, e.g. 10.0.0.1/24'),
  description: Joi.string().max(200).description('Interface description'),
  shutdown: Joi.boolean().description('Start administratively down'),
});

const deviceSchema = Joi.object({
  name: Joi.string().pattern(IOS_HOSTNAME).required().description('IOS hostname (letters, digits, hyphen; at most 16)'),
  host: Joi.string().hostname().default('127.0.0.1').description('Address the device listens on'),
  port: Joi.number().integer().min(0).max(65535).required().description('SSH port'),
  username: Joi.string().min(1).max(64).description('Login user (default DEVICE_USERNAME)'),
  password_env: Joi.string().pattern(ENV_NAME).default('DEVICE_PASSWORD').description('Name of the env var holding the password'),
  enable_secret_env: Joi.string()
    .pattern(ENV_NAME)
    .default('DEVICE_ENABLE_SECRET')
    .description('Name of the env var holding the enable secret'),
  webhook_secret_env: Joi.string().pattern(ENV_NAME).description("Name of the env var holding this device's own webhook secret"),
  privilege: Joi.number().valid(1, 15).default(15).description('1: lands at ">" and needs enable; 15: lands at "#"'),
  model: Joi.string().max(40).description('Hardware model, e.g. C8000V'),
  version: Joi.string().max(40).description('IOS-XE version, e.g. 17.09.04a'),
  serial: Joi.string().alphanum().max(20).description('Processor board ID'),
  interfaces: Joi.array().items(interfaceSchema).unique('name').description('Interfaces; the simulator picks defaults when absent'),
});

const linkEndSchema = Joi.object({
  device: Joi.string().pattern(IOS_HOSTNAME).required().description('Device name, as in devices[].name'),
  interface: Joi.string().pattern(STRICT_INTERFACE_NAME).required().description('Full interface name on that device'),
});

const fileSchema = Joi.object({
  devices: Joi.array().items(deviceSchema).unique('name').required().description('The devices of the inventory'),
  links: Joi.array()
    .items(Joi.object({ a: linkEndSchema.required(), b: linkEndSchema.required() }))
    .description("Cables between device interfaces (the simulator's lab topology)"),
});

interface RawInterface {
  name: string;
  ip?: string;
  description?: string;
  shutdown?: boolean;
}
interface RawDevice {
  name: string;
  host: string;
  port: number;
  username?: string;
  password_env: string;
  enable_secret_env: string;
  webhook_secret_env?: string;
  privilege: 1 | 15;
  model?: string;
  version?: string;
  serial?: string;
  interfaces?: RawInterface[];
}

function readInventoryFile(inventoryPath: string): { devices: RawDevice[]; links?: LinkSpec[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(inventoryPath, 'utf8'));
  } catch (err) {
    throw new Error(`DEVICE_INVENTORY ${inventoryPath}: cannot read JSON (${(err as Error).message})`);
  }
  const { error, value } = fileSchema.validate(parsed, { abortEarly: true, convert: false });
  if (error) throw new Error(`DEVICE_INVENTORY ${inventoryPath}: ${error.message}`);
  return value as { devices: RawDevice[]; links?: LinkSpec[] };
}

function secretFromEnv(env: Record<string, string | undefined>, name: string, fallback: string, where: string): string {
  const value = env[name];
  if (value !== undefined && value !== '') return value;
  // The two default names fall back to the default device's values (themselves defaulted).
  if (name === 'DEVICE_PASSWORD' || name === 'DEVICE_ENABLE_SECRET') return fallback;
  throw new Error(`${where}: environment variable ${name} is not set`);
}

/**
 * A device's own webhook secret from the variable `name`. It must give a key of at least 8 bytes
 * (`whsec_` + base64 decodes first): a short or empty key would let anyone sign as the device.
 * The message names the variable, never the value.
 */
function deviceWebhookSecret(env: Record<string, string | undefined>, name: string, where: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`${where}: environment variable ${name} is not set`);
  if (standardWebhookKey(value).length < 8) throw new Error(`${where}: ${name} must give a key of at least 8 bytes`);
  return value;
}

/**
 * The default device from DEVICE_* plus the devices of the DEVICE_INVENTORY file (same name →
 * inventory entry wins). The default device's own webhook secret is DEVICE_WEBHOOK_SECRET; an
 * inventory device's is the variable its `webhook_secret_env` names. Throws an Error naming the
 * file/field on a bad file.
 */
export function loadDeviceInventory(
  defaults: DeviceDefaults,
  inventoryPath: string | undefined,
  env: Record<string, string | undefined>,
): DeviceSpec[] {
  const ownSecret = env.DEVICE_WEBHOOK_SECRET ? deviceWebhookSecret(env, 'DEVICE_WEBHOOK_SECRET', 'Invalid configuration') : undefined;
  const devices: DeviceSpec[] = [{ ...defaults, privilege: 15, ...(ownSecret && { webhookSecret: ownSecret }) }];
  if (!inventoryPath) {
    checkSecretsDiffer(devices, env);
    return devices;
  }
  readInventoryFile(inventoryPath).devices.forEach((raw, index) => {
    const where = `DEVICE_INVENTORY ${inventoryPath}: devices[${index}] (${raw.name})`;
    const spec: DeviceSpec = {
      name: raw.name,
      host: raw.host,
      port: raw.port,
      username: raw.username ?? defaults.username,
      password: secretFromEnv(env, raw.password_env, defaults.password, `${where}.password_env`),
      enableSecret: secretFromEnv(env, raw.enable_secret_env, defaults.enableSecret, `${where}.enable_secret_env`),
      privilege: raw.privilege,
      ...(raw.model !== undefined && { model: raw.model }),
      ...(raw.version !== undefined && { version: raw.version }),
      ...(raw.serial !== undefined && { serial: raw.serial }),
      ...(raw.interfaces !== undefined && { interfaces: raw.interfaces.map((i) => ({ ...i })) }),
      ...(raw.webhook_secret_env !== undefined && {
        webhookSecret: deviceWebhookSecret(env, raw.webhook_secret_env, `${where}.webhook_secret_env`),
      }),
    };
    const same = devices.findIndex((d) => d.name.toLowerCase() === spec.name.toLowerCase());
    if (same >= 0) devices[same] = spec;
    else devices.push(spec);
  });
  checkSecretsDiffer(devices, env);
  return devices;
}

/** A device secret another device or any sender also holds proves nothing about who sent. */
function checkSecretsDiffer(devices: readonly DeviceSpec[], env: Record<string, string | undefined>): void {
  const shared = new Set((env.WEBHOOK_SECRET ?? '').split(',').map((s) => s.trim()));
  const seen = new Map<string, string>();
  for (const d of devices) {
    if (!d.webhookSecret) continue;
    if (shared.has(d.webhookSecret))
      throw new Error(`Invalid configuration: ${d.name}'s own webhook secret must differ from WEBHOOK_SECRET`);
    const other = seen.get(d.webhookSecret);
    if (other) throw new Error(`Invalid configuration: ${other} and ${d.name} must not share a webhook secret`);
    seen.set(d.webhookSecret, d.name);
  }
}

/** The cables of the DEVICE_INVENTORY file (none without a file, or when it lists none). */
export function loadInventoryLinks(inventoryPath: string | undefined): LinkSpec[] {
  if (!inventoryPath) return [];
  return (readInventoryFile(inventoryPath).links ?? []).map((l) => ({ a: { ...l.a }, b: { ...l.b } }));
}
