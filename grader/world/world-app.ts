import express, { type Request, type Response } from 'express';
import type { DeviceState } from '../../simulator/device-state';
import { isOperUp } from '../../simulator/device-interface';
import type { WorldLog } from './world-log';
import type { WorldEnv } from './world-env';
import { SWITCH_MODES, type SwitchMode } from './tcp-switch';

/** Where the router's webhooks go: the network server being graded (or none). */
export interface RelaySettings {
  /** Base URL of the network server; webhooks go to `${target}/events`. */
  target?: string;
  forwarding: boolean;
}

/** What the control app acts on. */
export interface WorldParts {
  env: WorldEnv;
  /** The LOG_DIR servers started in this world are given (the grader reads it). */
  logDir: string;
  log: WorldLog;
  device: DeviceState;
  deviceControlUrl: string;
  /** How the device's SSH port treats connections: relayed (up), reset (down), or accepted and left silent (hang). */
  deviceMode(): SwitchMode;
  setDeviceMode(mode: SwitchMode): void;
  relay: RelaySettings;
  /** Stand-ins back to 'ok', the device up, and the router rebooted from its config if anything changed it. */
  reset(): Promise<void>;
}

// Headers of the router's delivery passed on to the network server (auth, signature, ids).
const PASSED_HEADERS = [
  'content-type',
  'authorization',
  'x-hub-signature-256',
  'user-agent',
  'x-hooklab-event',
  'x-hooklab-delivery',
  'idempotency-key',
];
const FORWARD_TIMEOUT_MS = 30_000;

/** The world as JSON: its env, the device's interfaces and state, where webhooks go. */
function describe(parts: WorldParts): object {
  return {
    env: parts.env,
    device: {
      name: parts.env.DEVICE_NAME,
      hostname: parts.device.hostname,
      control_url: parts.deviceControlUrl,
      up: parts.deviceMode() === 'up',
      mode: parts.deviceMode(),
      interfaces: parts.device.interfaces().map((i) => ({ name: i.name, shutdown: i.shutdown, up: isOperUp(i) })),
    },
    relay: { target: parts.relay.target ?? null, forwarding: parts.relay.forwarding },
    log: { last: parts.log.last },
    log_dir: parts.logDir,
  };
}

/** Passes one router delivery to the network server, noting what happened in the log. */
async function relayWebhook(parts: WorldParts, req: Request, res: Response): Promise<void> {
  const body = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
  let event: { event?: unknown; interface?: unknown } = {};
  try {
    event = JSON.parse(body.toString('utf8')) as typeof event;
  } catch {
    // The simulator always sends JSON; anything else is recorded without a name.
  }
  const note = { event: String(event.event ?? ''), ...(typeof event.interface === 'string' && { interface: event.interface }) };
  const { target, forwarding } = parts.relay;
  if (!forwarding || !target) {
    parts.log.add({ kind: 'webhook', ...note, forwarded: false });
    return void res.status(202).json({ status: 'not forwarded', reason: 'no network server is being graded' });
  }
  const headers: Record<string, string> = {};
  for (const h of PASSED_HEADERS) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h];
  parts.log.add({ kind: 'webhook', ...note, forwarded: true });
  try {
    const answer = await fetch(`${target}/events`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      redirect: 'manual',
    });
    const text = await answer.text();
    parts.log.add({ kind: 'webhook', ...note, forwarded: true, status: answer.status });
    res
      .status(answer.status)
      .type(answer.headers.get('content-type') ?? 'application/json')
      .send(text);
  } catch (err) {
    const reason = (err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    parts.log.add({ kind: 'webhook', ...note, forwarded: true, error: reason });
    res.status(502).json({ error: `the network server did not answer: ${reason}` });
  }
}

/**
 * The world's control port (loopback only; with `controlToken`, only for requests carrying it):
 * the grader (or an instructor with curl) reads the world and its log, takes the device down and up, shuts interfaces, and says where the router's
 * webhooks go. It also receives those webhooks (`POST /router/events`) and relays them.
 */
export function buildWorldApp(parts: WorldParts, controlToken?: string): express.Express {
  const app = express();
  app.get('/health', (_req, res) => void res.json({ status: 'ok', server: 'grader-world' }));
  // A locked world (startWorld's lockControls) obeys only the grader on its control routes.
  if (controlToken)
    app.use('/world', (req, res, next) =>
      req.headers['x-hooklab-control'] === controlToken
        ? next()
        : void res.status(403).json({ error: 'only the grader controls this world' }),
    );
  app.get('/world', (_req, res) => void res.json(describe(parts)));
  app.get('/world/log', async (req, res) => {
    const since = Number(req.query.since ?? 0) || 0;
    const waitMs = Math.min(Math.max(Number(req.query.wait_ms ?? 0) || 0, 0), 30_000);
    res.json({ last: parts.log.last, entries: await parts.log.next(since, waitMs) });
  });
  for (const mode of SWITCH_MODES) {
    app.post(`/world/device/${mode}`, (_req, res) => {
      parts.setDeviceMode(mode);
      res.json(describe(parts));
    });
  }
  for (const action of ['shutdown', 'no-shutdown'] as const) {
    app.post(`/world/device/interfaces/:name/${action}`, (req, res) => {
      const i = parts.device.findInterface(String(req.params.name));
      if (!i) return void res.status(404).json({ error: `no interface ${String(req.params.name)}` });
      parts.device.setShutdown(i.name, action === 'shutdown', 'grader');
      res.json(describe(parts));
    });
  }
  app.put('/world/relay', express.json(), (req, res) => {
    const { target, forwarding } = (req.body ?? {}) as { target?: unknown; forwarding?: unknown };
    if (target !== undefined) parts.relay.target = typeof target === 'string' && target !== '' ? target.replace(/\/+$/, '') : undefined;
    if (typeof forwarding === 'boolean') parts.relay.forwarding = forwarding;
    res.json(describe(parts));
  });
  app.post('/world/reset', async (_req, res) => {
    await parts.reset();
    res.json(describe(parts));
  });
  app.post('/router/events', express.raw({ type: () => true, limit: '1mb' }), (req, res) => relayWebhook(parts, req, res));
  app.use((_req, res) => void res.status(404).json({ error: 'no such route' }));
  return app;
}
