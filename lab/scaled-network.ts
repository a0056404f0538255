import fs from 'node:fs';
import type { AppConfig } from '../servers/lib/config/load-config';
import { freePort } from './free-port';
import { LabProcess } from './lab-process';
import { findRedisServer, startRedisServer, type RedisServer } from './redis-server';
import { startBalancer, type RunningBalancer } from './round-robin-balancer';

/** `npm start -- --scale N`: N copies of the network server, one Redis, a balancer in front. */
export interface ScaledNetwork {
  copies: LabProcess[];
  /** Each copy's own address (the balancer's is NETWORK_PORT, as before). */
  copyUrls: string[];
  redisUrl: string;
  /** True when the lab started redis-server itself (no REDIS_URL given). */
  ownRedis: boolean;
  redis?: RedisServer;
  balancer?: RunningBalancer;
  stop(graceMs: number): Promise<void>;
}

/** `--scale N` from the command line (1 when absent); throws a message for a bad value. */
export function scaleFrom(args: readonly string[]): number {
  const at = args.findIndex((a) => a === '--scale' || a.startsWith('--scale='));
  if (at === -1) return 1;
  const text = args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw new Error(`--scale wants a number of copies from 1 to 8 (got ${JSON.stringify(text ?? '')})`);
  return n;
}

/**
 * Starts Redis (unless REDIS_URL names one), then `scale` copies of the network server on free
 * loopback ports, each exactly as `npm run network` with REDIS_URL set, then the balancer on
 * NETWORK_PORT — so the router's webhooks, curl and the grader reach it where they always did.
 * The copies trust the balancer's X-Forwarded-For (TRUST_PROXY=true): they see the real client.
 */
export async function startScaledNetwork(
  config: Readonly<AppConfig>,
  env: NodeJS.ProcessEnv,
  scale: number,
  write: (line: string) => void,
): Promise<ScaledNetwork> {
  let redis: RedisServer | undefined;
  if (!config.redisUrl) {
    if (!findRedisServer())
      throw new Error('--scale needs Redis: install redis-server (Debian: apt-get install redis-server) or set REDIS_URL.');
    redis = await startRedisServer({ password: env.REDIS_PASSWORD }); // a new random password unless .env sets one
  }
  const redisUrl = config.redisUrl ?? redis!.url;
  const copies: LabProcess[] = [];
  const copyUrls: string[] = [];
  let balancer: RunningBalancer | undefined;
  const stop = async (graceMs: number): Promise<void> => {
    await balancer?.close();
    await Promise.all(copies.map((c) => c.stop(graceMs)));
    await redis?.stop(); // its temporary folder goes with it
  };
  try {
    for (let i = 1; i <= scale; i += 1) {
      const port = await freePort();
      // TLS, if configured, ends at the balancer; the copies listen on loopback only.
      const copyEnv = {
        ...env,
        HOST: '127.0.0.1',
        PORT: String(port),
        REDIS_URL: redisUrl,
        TRUST_PROXY: 'true',
        TLS_CERT: '',
        TLS_KEY: '',
      };
      copies.push(new LabProcess(`network-${i}`, 'servers/network/main.ts', copyEnv, write));
      copyUrls.push(`http://127.0.0.1:${port}`);
    }
    await Promise.all(copies.map((c) => c.waitFor(/SERVER_START/, 30_000)));
    balancer = await startBalancer({
      host: config.host,
      port: config.ports.network,
      forwardedFor: true,
      targets: copies.map((c, i) => ({ name: c.name, url: copyUrls[i]! })),
      tls: config.tls && { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) },
      log: (line) => write(`${'[balancer]'.padEnd(10)} ${line}`),
    });
  } catch (err) {
    await stop(2000);
    throw err;
  }
  return { copies, copyUrls, redisUrl, ownRedis: Boolean(redis), redis, balancer, stop };
}
