import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildApp } from '../servers/basic/app';
import { startServer, type RunningServer } from '../servers/lib/server/start-server';
import { createLogger } from '../common/logging/create-logger';
import { loadConfig, type AppConfig } from '../servers/lib/config/load-config';
import { loadDeviceInventory } from '../common/inventory/device-inventory';
import { testConfig } from './support/test-config';
import { labBanner, SECRET_PLACEHOLDER } from '../lab/lab-banner';
import { ROOT } from './support/spawn-process';

const TOKEN = 'banner-token-1234';
const SECRET = 'banner-secret-1234';

/** The shell lines under "Try it", as a student would paste them. */
function tryItLines(banner: string): string[] {
  const lines = banner.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith('Try it'));
  const end = lines.findIndex((l) => l.includes('Then follow INSTRUCTIONS.md'));
  return lines.slice(start + 1, end).map((l) => l.trim());
}

/** Starts the basic server with `env`, and gives the banner it would show. */
async function labWith(env: Record<string, string>): Promise<{ server: RunningServer; banner: string; config: Readonly<AppConfig> }> {
  const config = testConfig(env);
  const logger = createLogger({ name: 'basic', console: false });
  const server = await startServer(buildApp({ config, logger }), { config, logger, port: 0 });
  const port = Number(new URL(server.url).port);
  const banner = labBanner({ ...config, ports: { ...config.ports, basic: port } }, 'http://127.0.0.1:8003/events', true);
  return { server, banner, config };
}

/** Runs the lines in bash from the project folder; returns the HTTP status the last curl got. */
async function statusOf(lines: string[]): Promise<number> {
  const script = lines.join('\n').replace(/^curl /m, 'curl -sS -o /dev/null -w "%{http_code}" ');
  const { stdout } = await promisify(execFile)('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8' });
  return Number(stdout);
}

describe("the lab banner's first request", () => {
  const started: Array<{ server: RunningServer; config: Readonly<AppConfig> }> = [];
  afterAll(async () => {
    for (const { server, config } of started) {
      await server.close(1000);
      for (const dir of [config.logDir, config.backupDir, path.dirname(config.knownHostsFile)])
        fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['no authentication', {}],
    ['WEBHOOK_TOKEN set (the token is in the command)', { WEBHOOK_TOKEN: TOKEN }],
    ['WEBHOOK_TOKEN and WEBHOOK_SECRET set', { WEBHOOK_TOKEN: TOKEN, WEBHOOK_SECRET: SECRET }],
  ])('answers 200 with %s', async (_label, env) => {
    const lab = await labWith(env);
    started.push(lab);
    expect(await statusOf(tryItLines(lab.banner))).toBe(200);
  });

  it('with only WEBHOOK_SECRET: shows how to sign, never the secret, and the recipe answers 200 once the secret is filled in', async () => {
    const lab = await labWith({ WEBHOOK_SECRET: SECRET });
    started.push(lab);
    expect(lab.banner).not.toContain(SECRET);
    const lines = tryItLines(lab.banner);
    expect(lines.join('\n')).toContain(SECRET_PLACEHOLDER);
    expect(await statusOf(lines.map((l) => l.replace(SECRET_PLACEHOLDER, SECRET)))).toBe(200);
  });
});

describe('the lab banner names what really runs', () => {
  const banner = (env: Record<string, string>, extras: Parameters<typeof labBanner>[3] = {}): string =>
    labBanner(loadConfig(env), 'http://127.0.0.1:8003/events', true, extras);
  const line = (text: string, start: string): string => text.split('\n').find((l) => l.startsWith(start)) ?? '';

  it('steps 2 and 3 name the public APIs when the servers call them', () => {
    const text = banner({});
    expect(line(text, '  step 2')).toContain('JokeRequest -> icanhazdadjoke (offline jokes if unreachable)');
    expect(line(text, '  step 3')).toContain('CardDraw -> deckofcardsapi (local deck if unreachable)');
  });

  it('steps 2 and 3 name the stand-ins when JOKE_API_URL and CARD_API_URL point at them', () => {
    const text = banner({ JOKE_API_URL: 'http://127.0.0.1:8101', CARD_API_URL: 'http://127.0.0.1:8102' });
    expect(line(text, '  step 2')).toContain(
      'JokeRequest -> http://127.0.0.1:8101 (JOKE_API_URL, in place of icanhazdadjoke; offline jokes if unreachable)',
    );
    expect(line(text, '  step 3')).toContain(
      'CardDraw -> http://127.0.0.1:8102 (CARD_API_URL, in place of deckofcardsapi; local deck if unreachable)',
    );
  });

  it("with DEVICE_INVENTORY, lists every router that runs, each with its ssh command, and every router's webhooks", () => {
    const env = { DEVICE_INVENTORY: 'simulator/inventory.example.json', ROUTER2_PASSWORD: 'cisco', ROUTER2_ENABLE_SECRET: 'cisco' };
    const config = loadConfig(env);
    const routers = loadDeviceInventory(config.device, path.join(ROOT, env.DEVICE_INVENTORY), env);
    const text = banner(env, { routers });
    expect(routers.map((r) => r.name)).toEqual(['Router1', 'Router2', 'Router3']);
    expect(text).toContain('ssh admin@127.0.0.1 -p 2222  (password cisco)');
    expect(text).toContain('          Router2  ssh admin@127.0.0.1 -p 2223');
    expect(text).toContain('          Router3  ssh admin@127.0.0.1 -p 2224');
    expect(line(text, '  step 4')).toContain('-> Router1, Router2, Router3 over SSH');
    expect(line(text, '  events')).toBe('  events  Router1, Router2, Router3 -> http://127.0.0.1:8003/events');
  });
});
