import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { defaultInterfaces } from '../../simulator/default-interfaces';
import { startSimulator, type RunningSimulator } from '../../simulator/start-simulator';
import { startFakeJokeApi } from '../../servers/fake-apis/fake-joke-api';
import { startFakeCardApi } from '../../servers/fake-apis/fake-card-api';
import type { FakeApi } from '../../servers/fake-apis/start-fake-server';
import type { EventLogger } from '../../common/logging/create-logger';
import { startTcpSwitch, type TcpSwitch } from './tcp-switch';
import { WorldLog } from './world-log';
import { recordApi, routerLogger } from './world-recorders';
import { buildWorldApp, type RelaySettings, type WorldParts } from './world-app';
import type { WorldEnv } from './world-env';

export interface WorldPorts {
  /** The world's control port (and the router's webhook relay). */
  world?: number;
  joke?: number;
  card?: number;
  /** The device's SSH port as students see it (DEVICE_PORT). */
  ssh?: number;
  /** The router simulator's own control port (shut/unshut/flap). */
  control?: number;
}

export interface WorldOptions {
  /** Preferred ports; a busy one is replaced by a free one. Default: all free ports (tests). */
  ports?: WorldPorts;
  /** The network server the router's webhooks go to from the start (`--serve`). */
  networkUrl?: string;
  /** Echo the router's log lines and relayed webhooks to this stream (`--serve`). */
  echo?: NodeJS.WritableStream;
  /** Credentials to use instead of made-up ones (`--serve` keeps a student's .env working). */
  credentials?: Partial<
    Pick<WorldEnv, 'DEVICE_USERNAME' | 'DEVICE_PASSWORD' | 'DEVICE_ENABLE_SECRET' | 'WEBHOOK_TOKEN' | 'WEBHOOK_SECRET'>
  >;
  /** Where the router's SSH host key is kept (default: a new one per world); `npm run exercise` keeps the lab's, so `ssh` knows the router again. */
  hostKeyDir?: string;
  /** Also gets the router's log lines (`npm run exercise`: its terminal and device_simulator.log). */
  routerLogger?: EventLogger;
  /**
   * Lock the world while untrusted code is graded in it: its control routes and the stand-ins'
   * `/__mode` obey only the grader (`controlToken`), so a student's server cannot reset a
   * failure the grader set up, nor touch the router through the world.
   */
  lockControls?: boolean;
}

/** A running world: its control URL and the environment for a student's servers. */
export interface RunningWorld {
  url: string;
  env: WorldEnv;
  /** The LOG_DIR to give servers started in this world: the grader reads their log there. */
  logDir: string;
  /** The router simulator's own control port (shut, unshut, flap an interface). */
  deviceControlUrl: string;
  /** Resolves once every webhook the router has queued was delivered or given up. */
  webhooksIdle(): Promise<void>;
  /** Set when the world is locked (lockControls): what WorldClient must send. */
  controlToken?: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const hex = (bytes: number): string => crypto.randomBytes(bytes).toString('hex');

/** Runs `start(port)`, and again on a free port when the preferred one is taken. */
async function preferring<T>(port: number | undefined, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port ?? 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !port) throw err;
    return start(0);
  }
}

/**
 * The world a student's servers talk to while they are graded: stand-ins for the jokes and
 * cards APIs, a Cisco router (the simulator) behind a switchable SSH port, and a relay for the
 * router's webhooks, all on loopback. Passwords, token and secret are made up per world, and the
 * router has one interface (a loopback with a random number) no hard-coded report can know.
 */
export async function startWorld(options: WorldOptions = {}): Promise<RunningWorld> {
  const ports = options.ports ?? {};
  const controlToken = options.lockControls ? hex(24) : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-world-'));
  const echo = options.echo;
  const log = new WorldLog(
    echo &&
      ((event) => {
        if (event.kind === 'webhook' && event.forwarded && (event.status || event.error))
          echo.write(`[world]  router webhook ${event.event} -> ${event.status ? `HTTP ${event.status}` : event.error}\n`);
      }),
  );
  const closers: Array<() => Promise<void>> = [];
  const close = async (): Promise<void> => {
    log.release();
    for (const c of closers.reverse()) await c().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    // The control server listens first: the router must know where to send its webhooks.
    let handler: http.RequestListener = (_req, res) => void res.writeHead(503).end();
    const server = http.createServer((req, res) => handler(req, res));
    await preferring(
      ports.world,
      (port) =>
        new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, HOST, () => resolve());
        }),
    );
    closers.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const url = `http://${HOST}:${(server.address() as AddressInfo).port}`;

    const joke: FakeApi = await preferring(ports.joke, (port) =>
      startFakeJokeApi({ host: HOST, port, onRequest: recordApi(log, 'joke'), ...(controlToken && { controlToken }) }),
    );
    closers.push(() => joke.close());
    const card: FakeApi = await preferring(ports.card, (port) =>
      startFakeCardApi({ host: HOST, port, onRequest: recordApi(log, 'card'), ...(controlToken && { controlToken }) }),
    );
    closers.push(() => card.close());

    const env: WorldEnv = {
      JOKE_API_URL: joke.url,
      CARD_API_URL: card.url,
      DEVICE_NAME: 'Router1',
      DEVICE_HOST: HOST,
      DEVICE_PORT: '',
      DEVICE_USERNAME: 'admin',
      DEVICE_PASSWORD: `pw-${hex(4)}`,
      DEVICE_ENABLE_SECRET: `en-${hex(4)}`,
      WEBHOOK_TOKEN: `token-${hex(12)}`,
      WEBHOOK_SECRET: `secret-${hex(16)}`,
      ...options.credentials,
    };
    const probe = 10 + crypto.randomInt(90);
    const startRouter = (controlPort: number): Promise<RunningSimulator> =>
      startSimulator({
        devices: [
          {
            name: env.DEVICE_NAME,
            host: HOST,
            port: 0,
            username: env.DEVICE_USERNAME,
            password: env.DEVICE_PASSWORD,
            enableSecret: env.DEVICE_ENABLE_SECRET,
            privilege: 15,
            interfaces: [...defaultInterfaces(0), { name: `Loopback${probe}`, ip: `10.255.${probe}.1/32`, description: 'Grader probe' }],
          },
        ],
        sshPort: 0,
        controlPort,
        hostKeyDir: options.hostKeyDir ?? path.join(dir, 'keys'),
        logger: routerLogger(log, echo, options.routerLogger),
        webhookUrl: `${url}/router/events`,
        webhookToken: env.WEBHOOK_TOKEN,
        webhookSecret: env.WEBHOOK_SECRET,
        // The contract's signature (X-Hub-Signature-256, GitHub's): the simulator's own default is Standard Webhooks.
        webhookSignature: 'github',
        // A student's server may log in with Netmiko before it answers: a few seconds.
        webhookTimeoutMs: 15_000,
      });
    let sim: RunningSimulator = await preferring(ports.control, startRouter);
    closers.push(() => sim.close());
    const sshSwitch: TcpSwitch = await preferring(ports.ssh, (port) =>
      startTcpSwitch({ target: { host: HOST, port: sim.devices[0]!.sshPort }, host: HOST, port }),
    );
    closers.push(() => sshSwitch.close());
    env.DEVICE_PORT = String(sshSwitch.port);
    let bootRevision = sim.state().revision;
    /** A router that was changed in any way (config, interfaces) boots again from its configuration. */
    const reboot = async (): Promise<void> => {
      if (sim.state().revision === bootRevision) return;
      const controlPort = Number(new URL(sim.controlUrl).port);
      await sim.close();
      sim = await preferring(controlPort, startRouter);
      sshSwitch.retarget(sim.devices[0]!.sshPort);
      bootRevision = sim.state().revision;
    };
    const initialRelay: RelaySettings = {
      ...(options.networkUrl && { target: options.networkUrl }),
      forwarding: Boolean(options.networkUrl),
    };
    const logDir = path.join(dir, 'logs');
    fs.mkdirSync(logDir);
    const parts: WorldParts = {
      env,
      logDir,
      log,
      get device() {
        return sim.state();
      },
      get deviceControlUrl() {
        return sim.controlUrl;
      },
      deviceMode: () => sshSwitch.mode,
      setDeviceMode: (mode) => sshSwitch.setMode(mode),
      relay: { ...initialRelay },
      async reset() {
        joke.setMode('ok');
        card.setMode('ok');
        sshSwitch.setMode('up');
        await reboot();
        // A cable pulled through the router's control port is no configuration change: plug it back.
        for (const i of sim.state().interfaces()) sim.state().setLink(i.name, true);
        parts.relay.target = initialRelay.target;
        parts.relay.forwarding = initialRelay.forwarding;
      },
    };
    handler = buildWorldApp(parts, controlToken);
    return {
      url,
      env,
      logDir,
      get deviceControlUrl() {
        return sim.controlUrl;
      },
      webhooksIdle: () => sim.webhooksIdle(),
      ...(controlToken && { controlToken }),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
