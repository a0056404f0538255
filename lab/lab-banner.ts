import type { AppConfig } from '../servers/lib/config/load-config';
import type { DeviceDefaults } from '../common/inventory/device-inventory';
import { redisAddress } from '../servers/lib/redis/redis-address';

/** With `--scale N`: the copies behind the balancer, and the Redis they share. */
export interface ScaleInfo {
  copies: Array<{ name: string; url: string; pid: number }>;
  redisUrl: string;
  /** The lab started redis-server itself. */
  ownRedis: boolean;
}

function scaleLines(config: Readonly<AppConfig>, scale: ScaleInfo): string[] {
  const scheme = config.tls ? 'https' : 'http';
  const redis = scale.ownRedis
    ? `redis://${redisAddress(scale.redisUrl)}  (started by the lab; emptied when it stops)`
    : `${redisAddress(scale.redisUrl)}  (REDIS_URL)`;
  return [
    `  step 8  network  ${`${scheme}://${config.host}:${config.ports.network}/events`.padEnd(32)} a load balancer (round robin) in front of ${scale.copies.length} copies:`,
    ...scale.copies.map((c) => `           ${c.name.padEnd(10)} ${c.url.padEnd(24)} pid ${c.pid}`),
    `  redis   ${redis}`,
  ];
}

/** What the banner shows beyond the servers: the dashboard, step 8's copies, every router. */
export interface BannerExtras {
  dashboardUrl?: string;
  scale?: ScaleInfo;
  /** The routers that run (DEVICE_INVENTORY's, the first being the default device); default: DEVICE_*'s one. */
  routers?: ReadonlyArray<Pick<DeviceDefaults, 'name' | 'host' | 'port' | 'username'>>;
}

/** The public API a server calls, or the URL that replaces it (a stand-in of `npm run fake-apis`), and its fallback. */
function apiTarget(url: string, publicUrl: string, name: string, variable: string, fallback: string): string {
  return url.replace(/\/+$/, '') === publicUrl ? `${name} (${fallback})` : `${url} (${variable}, in place of ${name}; ${fallback})`;
}

/** What a student sees once the lab is up: every URL and port, and the next command to try. */
export function labBanner(
  config: Readonly<AppConfig>,
  webhookUrl: string,
  defaultPassword: boolean,
  { dashboardUrl, scale, routers = [config.device] }: BannerExtras = {},
): string {
  const scheme = config.tls ? 'https' : 'http';
  const url = (port: number): string => `${scheme}://${config.host}:${port}/events`;
  const device = config.device;
  const password = defaultPassword ? `password ${device.password}` : 'password from DEVICE_PASSWORD';
  const names = routers.map((r) => r.name).join(', ');
  const joke = apiTarget(config.jokeApiUrl, 'https://icanhazdadjoke.com', 'icanhazdadjoke', 'JOKE_API_URL', 'offline jokes if unreachable');
  const card = apiTarget(config.cardApiUrl, 'https://deckofcardsapi.com', 'deckofcardsapi', 'CARD_API_URL', 'local deck if unreachable');
  const ssh = (r: (typeof routers)[number]): string => `ssh ${r.username}@${r.host} -p ${r.port}`;
  const auth =
    config.webhookToken || config.webhookSecrets.length > 0
      ? 'on (WEBHOOK_TOKEN / WEBHOOK_SECRET)'
      : 'off (set WEBHOOK_TOKEN in .env to require it)';
  return [
    '',
    '  hooklab is running. Ctrl-C stops everything.',
    '',
    `  step 1  basic    ${url(config.ports.basic).padEnd(32)} receive, validate and log any event`,
    `  step 2  joke     ${url(config.ports.joke).padEnd(32)} JokeRequest -> ${joke}`,
    `  step 3  card     ${url(config.ports.card).padEnd(32)} CardDraw -> ${card}`,
    `  step 4  network  ${url(config.ports.network).padEnd(32)} NetworkDeviceCheck, InterfaceDown, ConfigChange -> ${names} over SSH`,
    ...(scale ? scaleLines(config, scale) : []),
    ...routers.map((r, i) =>
      i === 0
        ? `  router  ${r.name.padEnd(8)} ${ssh(r)}  (${password}); control http://127.0.0.1:${config.deviceControlPort}`
        : `          ${r.name.padEnd(8)} ${ssh(r)}`,
    ),
    `  events  ${names} -> ${webhookUrl}`,
    `  auth    ${auth}; auto-remediation ${config.autoRemediate ? 'on' : 'off'}`,
    `  logs    ${config.logDir}/`,
    ...(dashboardUrl
      ? [
          `  watch   ${dashboardUrl.padEnd(32)} the lab dashboard: every server's requests and the router, live`,
          `          (one server's own live view, with replay: its address + /inspect, e.g. ${scheme}://${config.host}:${config.ports.basic}/inspect)`,
        ]
      : []),
    '',
    ...tryIt(config, url(config.ports.basic)),
    '  Then follow INSTRUCTIONS.md, step by step.',
    '',
  ].join('\n');
}

/**
 * A first request that works as the lab is configured: with WEBHOOK_TOKEN it carries the token
 * (the one the student put in .env); with only a secret, the signing recipe of step 5 (the
 * secret itself is never printed: it is the one thing that never travels).
 */
function tryIt(config: Readonly<AppConfig>, url: string): string[] {
  const post = `curl -X POST ${url} -H "Content-Type: application/json"`;
  if (config.webhookToken) {
    return [
      '  Try it (auth is on: the token comes from WEBHOOK_TOKEN):',
      `    ${post} -H "Authorization: Bearer ${config.webhookToken}" -d @payloads/basic_event.json`,
    ];
  }
  if (config.webhookSecrets.length > 0) {
    return [
      '  Try it (auth is on: sign the body with your WEBHOOK_SECRET, as INSTRUCTIONS.md step 5 shows):',
      `    SIG="sha256=$(openssl dgst -sha256 -hmac '${SECRET_PLACEHOLDER}' < payloads/basic_event.json | sed 's/^.*= //')"`,
      `    ${post} -H "X-Hub-Signature-256: $SIG" --data-binary @payloads/basic_event.json`,
    ];
  }
  return ['  Try it:', `    ${post} -d @payloads/basic_event.json`];
}

/** What the student replaces with the secret from .env. */
export const SECRET_PLACEHOLDER = '<your WEBHOOK_SECRET>';
