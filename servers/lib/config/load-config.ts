import Joi from 'joi';
import bytes from 'bytes';
import { parseAllowlist } from '../security/allow-addresses';
import { SHARED_ENV_FIELDS, flag, port, presentValues } from '../../../common/config/env-fields';
import type { DeviceDefaults } from '../../../common/inventory/device-inventory';

/** The four webhook servers of the lab, in the order students meet them. */
export const SERVER_NAMES = ['basic', 'joke', 'card', 'network'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const DEFAULT_PORTS: Record<ServerName, number> = { basic: 8000, joke: 8001, card: 8002, network: 8003 };

const ms = Joi.number().integer().min(1);
const shared = SHARED_ENV_FIELDS;

/**
 * Every environment variable the lab reads, with its default and meaning. `.env.example` and
 * REFERENCE.md's configuration table document the same keys.
 */
const ENV_SCHEMA = Joi.object({
  HOST: Joi.string().hostname().default('127.0.0.1').description('Address the servers bind'),
  PORT: port.description('Port of a server run on its own (overrides its *_PORT)'),
  BASIC_PORT: port.default(DEFAULT_PORTS.basic).description('Port of the basic server'),
  JOKE_PORT: port.default(DEFAULT_PORTS.joke).description('Port of the joke server'),
  CARD_PORT: port.default(DEFAULT_PORTS.card).description('Port of the card server'),
  NETWORK_PORT: port.default(DEFAULT_PORTS.network).description('Port of the network server'),
  DASHBOARD_PORT: port.default(8004).description('Port of the lab dashboard (npm start, loopback only)'),
  LOG_DIR: shared.LOG_DIR.description('Folder for the log files'),
  LOG_LEVEL: shared.LOG_LEVEL.description('Least severe level logged'),
  LOG_MAX_SIZE: Joi.string()
    .pattern(/^\d+(\.\d+)?\s*(kb|mb|gb)$/i)
    .default('10mb')
    .description('Size at which a log file rotates, e.g. 10mb'),
  LOG_MAX_FILES: Joi.number().integer().min(1).max(100).default(5).description('Rotated log files kept (.1 … .N)'),
  BODY_LIMIT: Joi.string()
    .pattern(/^\d+(\.\d+)?\s*(b|kb|mb)?$/i)
    .default('100kb')
    .description('Largest request body accepted, e.g. 100kb'),
  RATE_LIMIT_PER_MIN: Joi.number().integer().min(0).default(600).description('Requests per minute per client address (0 = off)'),
  WEBHOOK_TOKEN: shared.WEBHOOK_TOKEN.description('Bearer token a sender must present'),
  WEBHOOK_SECRET: shared.WEBHOOK_SECRET.description('HMAC secret(s), comma-separated for rotation'),
  REQUIRE_TIMESTAMPED_SIGNATURES: flag.default(false).description('POST /events accepts only Standard Webhooks signatures (replay-proof)'),
  EVENT_MAX_AGE_S: Joi.number().integer().min(1).default(300).description('An event that would change a device must be at most this old'),
  TLS_CERT: Joi.string().description('PEM certificate file: serve HTTPS'),
  TLS_KEY: Joi.string().description('PEM private key file for TLS_CERT'),
  JOKE_API_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('https://icanhazdadjoke.com')
    .description('Dad jokes API'),
  CARD_API_URL: Joi.string()
    .uri({ scheme: ['http', 'https'] })
    .default('https://deckofcardsapi.com')
    .description('Deck of Cards API'),
  UPSTREAM_TIMEOUT_MS: ms.default(5000).description('Timeout of one upstream API call'),
  OFFLINE_FALLBACK: flag.default(true).description('Answer from bundled jokes / a local deck when the API fails'),
  OFFLINE_RETRY_S: Joi.number().min(0).default(30).description('How long an upstream found down is skipped'),
  DEVICE_NAME: shared.DEVICE_NAME.description('Default device name'),
  DEVICE_HOST: shared.DEVICE_HOST.description('Default device address'),
  DEVICE_PORT: shared.DEVICE_PORT.description('Default device SSH port'),
  DEVICE_USERNAME: shared.DEVICE_USERNAME.description('Device SSH user'),
  DEVICE_PASSWORD: shared.DEVICE_PASSWORD.description('Device SSH password'),
  DEVICE_ENABLE_SECRET: shared.DEVICE_ENABLE_SECRET.description('Device enable secret'),
  DEVICE_INVENTORY: shared.DEVICE_INVENTORY.description('JSON file listing more devices'),
  DEVICE_CONTROL_PORT: shared.DEVICE_CONTROL_PORT.description("Simulator's control port (loopback)"),
  DEVICE_WEBHOOK_URL: shared.DEVICE_WEBHOOK_URL.description('Where the simulator POSTs its events'),
  AUTO_REMEDIATE: flag.default(false).description('Bring administratively-down interfaces back up'),
  DEVICE_CONNECT_TIMEOUT_MS: ms.default(10000).description('SSH connect timeout'),
  DEVICE_COMMAND_TIMEOUT_MS: ms.default(10000).description('Timeout of one device command'),
  EVENT_COALESCE_MS: Joi.number()
    .integer()
    .min(0)
    .default(2000)
    .description('Repeat interface events (older than its look at the device) answered from the last result'),
  BACKUP_DIR: Joi.string().default('.hooklab/backups').description('Running-config backups'),
  KNOWN_HOSTS_FILE: Joi.string().default('.hooklab/known_hosts').description('Trusted device host keys'),
  ALLOW_INSECURE: shared.ALLOW_INSECURE.description('Allow a non-loopback bind with no authentication'),
  IP_ALLOWLIST: Joi.string().description('Comma-separated CIDRs allowed to call the servers'),
  TRUST_PROXY: flag.default(false).description('Believe X-Forwarded-For'),
  PUBLIC_HOSTNAME: Joi.string().hostname().description('Host name a loopback-bound server also answers for (your tunnel or proxy)'),
  MAX_CONNECTIONS: Joi.number().integer().min(1).default(1024).description('Open connections a server accepts in all'),
  MAX_CONNECTIONS_PER_ADDRESS: Joi.number()
    .integer()
    .min(0)
    .default(256)
    .description('Open connections from one client address (0 = no limit)'),
  HEADERS_TIMEOUT_MS: ms.default(10000).description('Time a client has to send its request headers'),
  REQUEST_TIMEOUT_MS: ms.default(30000).description('Time a client has to send its whole request'),
  DEDUPE_WINDOW_S: Joi.number().integer().min(0).default(86400).description('How long a delivery id is remembered'),
  REDIS_URL: Joi.string()
    .uri({ scheme: ['redis', 'rediss'] })
    .description('Redis shared by several copies of a server (unset: all state in the process)'),
  REDIS_LOCK_MS: Joi.number()
    .integer()
    .min(500)
    .default(5000)
    .description("With REDIS_URL: how long a copy's hold on a device and its running job lasts unrenewed"),
})
  .unknown(true)
  .prefs({ abortEarly: false, convert: true });

/** Env keys whose values are secrets: never echoed in an error message. */
const SECRET_KEYS = new Set(['WEBHOOK_TOKEN', 'WEBHOOK_SECRET', 'DEVICE_PASSWORD', 'DEVICE_ENABLE_SECRET', 'REDIS_URL']);

/** The lab's configuration, validated once at start-up and frozen. */
export interface AppConfig {
  host: string;
  ports: Record<ServerName, number>;
  /** PORT, when set: the port of a server run on its own. */
  portOverride?: number;
  /** The lab dashboard's port (`npm start`; always on 127.0.0.1). */
  dashboardPort: number;
  logDir: string;
  logLevel: string;
  logRotation: { maxBytes: number; maxFiles: number };
  bodyLimitBytes: number;
  rateLimitPerMin: number;
  webhookToken?: string;
  webhookSecrets: string[];
  requireTimestampedSignatures: boolean;
  eventMaxAgeS: number;
  tls?: { certFile: string; keyFile: string };
  jokeApiUrl: string;
  cardApiUrl: string;
  upstreamTimeoutMs: number;
  offlineFallback: boolean;
  offlineRetryS: number;
  device: DeviceDefaults;
  deviceInventory?: string;
  deviceControlPort: number;
  deviceWebhookUrl?: string;
  autoRemediate: boolean;
  deviceConnectTimeoutMs: number;
  deviceCommandTimeoutMs: number;
  eventCoalesceMs: number;
  backupDir: string;
  knownHostsFile: string;
  allowInsecure: boolean;
  ipAllowlist: string[];
  trustProxy: boolean;
  publicHostname?: string;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  dedupeWindowS: number;
  /** REDIS_URL: state shared by several copies (duplicates, journal, jobs); unset keeps it in the process. */
  redisUrl?: string;
  redisLockMs: number;
}

/** Thrown for a bad environment; the message names every variable at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describeProblem(detail: Joi.ValidationErrorItem, raw: Record<string, string | undefined>): string {
  const key = String(detail.path[0] ?? detail.context?.key ?? '?');
  const shown = SECRET_KEYS.has(key) ? '' : ` (got ${JSON.stringify(raw[key])})`;
  return `${key}: ${detail.message.replace(/^"[^"]*" /, '')}${shown}`;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A comma-separated list as written, empty entries kept (so they can be refused). */
function entriesOf(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(',').map((s) => s.trim());
}

/**
 * Reads and validates the environment (pass `process.env`, or a plain object in tests).
 * Empty values count as unset, so `WEBHOOK_TOKEN=` in a .env file means "no token".
 */
export function loadConfig(env: Record<string, string | undefined>): Readonly<AppConfig> {
  const present = presentValues(env);
  const { value: v, error } = ENV_SCHEMA.validate(present);
  if (error) {
    throw new ConfigError(`Invalid configuration:\n  ${error.details.map((d) => describeProblem(d, present)).join('\n  ')}`);
  }
  if (v.REQUIRE_TIMESTAMPED_SIGNATURES && !v.WEBHOOK_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  REQUIRE_TIMESTAMPED_SIGNATURES needs WEBHOOK_SECRET (the signatures are made with it)',
    );
  }
  if (v.REQUEST_TIMEOUT_MS < v.HEADERS_TIMEOUT_MS) {
    throw new ConfigError('Invalid configuration:\n  REQUEST_TIMEOUT_MS must be at least HEADERS_TIMEOUT_MS');
  }
  if (Boolean(v.TLS_CERT) !== Boolean(v.TLS_KEY)) {
    throw new ConfigError('Invalid configuration:\n  TLS_CERT and TLS_KEY must be set together');
  }
  // Strictly: an empty entry (`10.0.0.0/8,,`) is a mistake, not "no restriction".
  const ipAllowlist = entriesOf(v.IP_ALLOWLIST);
  try {
    if (ipAllowlist.includes('')) throw new Error('IP_ALLOWLIST: an entry is empty (two commas in a row, or one at an end)');
    parseAllowlist(ipAllowlist);
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  ${(err as Error).message}`);
  }
  const config: AppConfig = {
    host: v.HOST,
    ports: { basic: v.BASIC_PORT, joke: v.JOKE_PORT, card: v.CARD_PORT, network: v.NETWORK_PORT },
    portOverride: v.PORT,
    dashboardPort: v.DASHBOARD_PORT,
    logDir: v.LOG_DIR,
    logLevel: v.LOG_LEVEL,
    logRotation: { maxBytes: bytes.parse(v.LOG_MAX_SIZE) ?? 10 * 1024 * 1024, maxFiles: v.LOG_MAX_FILES },
    bodyLimitBytes: bytes.parse(v.BODY_LIMIT) ?? 102400,
    rateLimitPerMin: v.RATE_LIMIT_PER_MIN,
    webhookToken: v.WEBHOOK_TOKEN,
    webhookSecrets: splitList(v.WEBHOOK_SECRET),
    requireTimestampedSignatures: v.REQUIRE_TIMESTAMPED_SIGNATURES,
    eventMaxAgeS: v.EVENT_MAX_AGE_S,
    tls: v.TLS_CERT ? { certFile: v.TLS_CERT, keyFile: v.TLS_KEY } : undefined,
    jokeApiUrl: v.JOKE_API_URL,
    cardApiUrl: v.CARD_API_URL,
    upstreamTimeoutMs: v.UPSTREAM_TIMEOUT_MS,
    offlineFallback: v.OFFLINE_FALLBACK,
    offlineRetryS: v.OFFLINE_RETRY_S,
    device: {
      name: v.DEVICE_NAME,
      host: v.DEVICE_HOST,
      port: v.DEVICE_PORT,
      username: v.DEVICE_USERNAME,
      password: v.DEVICE_PASSWORD,
      enableSecret: v.DEVICE_ENABLE_SECRET,
    },
    deviceInventory: v.DEVICE_INVENTORY,
    deviceControlPort: v.DEVICE_CONTROL_PORT,
    deviceWebhookUrl: v.DEVICE_WEBHOOK_URL,
    autoRemediate: v.AUTO_REMEDIATE,
    deviceConnectTimeoutMs: v.DEVICE_CONNECT_TIMEOUT_MS,
    deviceCommandTimeoutMs: v.DEVICE_COMMAND_TIMEOUT_MS,
    eventCoalesceMs: v.EVENT_COALESCE_MS,
    backupDir: v.BACKUP_DIR,
    knownHostsFile: v.KNOWN_HOSTS_FILE,
    allowInsecure: v.ALLOW_INSECURE,
    ipAllowlist,
    trustProxy: v.TRUST_PROXY,
    publicHostname: v.PUBLIC_HOSTNAME,
    maxConnections: v.MAX_CONNECTIONS,
    maxConnectionsPerAddress: v.MAX_CONNECTIONS_PER_ADDRESS,
    headersTimeoutMs: v.HEADERS_TIMEOUT_MS,
    requestTimeoutMs: v.REQUEST_TIMEOUT_MS,
    dedupeWindowS: v.DEDUPE_WINDOW_S,
    redisUrl: v.REDIS_URL,
    redisLockMs: v.REDIS_LOCK_MS,
  };
  return Object.freeze(config);
}

/** The documented keys, defaults and descriptions (for README/.env.example checks). */
export function describeEnvironment(): Array<{ key: string; default?: unknown; description: string }> {
  const described = ENV_SCHEMA.describe() as { keys: Record<string, { flags?: { default?: unknown; description?: string } }> };
  return Object.entries(described.keys).map(([key, d]) => ({
    key,
    default: d.flags?.default,
    description: d.flags?.description ?? '',
  }));
}

/** The port a server listens on: PORT when set, else its own *_PORT. */
export function portFor(config: AppConfig, server: ServerName): number {
  return config.portOverride ?? config.ports[server];
}
