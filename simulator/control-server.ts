import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DeviceState } from './device-state';
import type { InterfaceState } from './device-interface';
import { interfaceJson } from './interface-json';
import { foreignCaller } from './foreign-caller';
import { EventStream } from '../common/event-stream/event-stream';
import type { ActivityFeed } from './activity-feed';

/** What the control port can see and act on. */
export interface ControlDeps {
  devices: readonly DeviceState[];
  /** Carrier down, wait, carrier up. */
  flap(state: DeviceState, name: string, downMs: number): Promise<void>;
  stats(): object;
  defaultFlapMs: number;
  logError(err: Error): void;
  /** What GET /feed streams (the lab dashboard's view of the router). */
  activity?: ActivityFeed;
}

function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message, details: [] }, request_id: crypto.randomUUID() });
}

/**
 * The control API on loopback, for demos and tests: shut, unshut or flap an interface as if
 * someone did it on the device, and read the counters. `/devices/{name}/...` picks a device;
 * the un-prefixed routes act on the first one.
 */
export function buildControlApp(deps: ControlDeps): express.Express {
  const app = express();
  const router = express.Router({ mergeParams: true });
  const device = (res: Response): DeviceState => res.locals.device as DeviceState;

  const findIf = (req: Request, res: Response): InterfaceState | undefined => {
    const i = device(res).findInterface(String(req.params.name));
    if (!i) sendError(res, 404, 'NOT_FOUND', `no interface ${String(req.params.name)} on ${device(res).spec.name}`);
    return i;
  };
  const setShutdown = (shutdown: boolean) => (req: Request, res: Response) => {
    const i = findIf(req, res);
    if (!i) return;
    const changed = device(res).setShutdown(i.name, shutdown, 'control');
    res.json({ device: device(res).spec.name, interface: i.name, changed, ...interfaceJson(i) });
  };

  router.get('/interfaces', (_req, res) => {
    res.json({ device: device(res).spec.name, interfaces: device(res).interfaces().map(interfaceJson) });
  });
  router.post('/interfaces/:name/shutdown', setShutdown(true));
  router.post('/interfaces/:name/no-shutdown', setShutdown(false));
  router.post('/interfaces/:name/flap', async (req, res) => {
    const i = findIf(req, res);
    if (!i) return;
    const asked = Number(req.query.down_ms ?? deps.defaultFlapMs);
    const downMs = Number.isFinite(asked) ? Math.min(Math.max(0, asked), 60_000) : deps.defaultFlapMs;
    await deps.flap(device(res), i.name, downMs);
    res.json({ device: device(res).spec.name, interface: i.name, flapped: true, down_ms: downMs, ...interfaceJson(i) });
  });

  // First, before any route: a browser tricked into calling the control port gets nothing done.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const refused = foreignCaller(req.headers);
    if (refused) return sendError(res, 403, 'FORBIDDEN', refused);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'device-simulator', devices: deps.devices.map((d) => d.spec.name) });
  });
  app.get('/stats', (_req, res) => {
    res.json(deps.stats());
  });
  // Server-Sent Events: every device's interfaces, then what the router does as it happens —
  // syslog, webhooks sent and their answers, SSH sessions and commands (the lab dashboard).
  app.get('/feed', (_req, res) => {
    const { activity } = deps;
    if (!activity) return sendError(res, 404, 'NOT_FOUND', 'no activity feed on this simulator');
    const stream = new EventStream(res);
    const at = new Date().toISOString();
    stream.send('hello', { devices: deps.devices.map((d) => ({ device: d.spec.name, hostname: d.hostname })) });
    for (const a of activity.recent()) stream.send('activity', a);
    // The interfaces as they are now, after the backlog's older tables.
    for (const d of deps.devices)
      stream.send('activity', { at, device: d.spec.name, kind: 'state', interfaces: d.interfaces().map(interfaceJson) });
    stream.onClose(
      activity.watch(
        (a) => stream.send('activity', a),
        () => stream.end(),
      ),
    );
  });
  app.use(
    '/devices/:device',
    (req: Request, res: Response, next: NextFunction) => {
      const name = String(req.params.device).toLowerCase();
      const found = deps.devices.find((d) => d.spec.name.toLowerCase() === name || d.hostname.toLowerCase() === name);
      if (!found) return sendError(res, 404, 'NOT_FOUND', `no device ${String(req.params.device)}`);
      res.locals.device = found;
      next();
    },
    router,
  );
  app.use(
    '/',
    (_req: Request, res: Response, next: NextFunction) => {
      res.locals.device = deps.devices[0];
      next();
    },
    router,
  );
  app.use((_req: Request, res: Response) => sendError(res, 404, 'NOT_FOUND', 'no such route'));
  // Express 5 forwards rejected promises here; the message stays generic, the log gets the detail.
  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    deps.logError(err);
    sendError(res, 500, 'INTERNAL', 'internal error');
  });
  return app;
}
