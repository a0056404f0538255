import express, { type Express } from 'express';
import Joi from 'joi';
import { NodeSSH } from 'node-ssh';
import { checkPayload } from '../../kit/check-payload';
import { jsonBody } from '../../kit/json-body';
import { finishApp, HttpError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';
import type { ExerciseEnv } from '../../kit/read-env';
import { withTimeout } from '../../kit/with-timeout';

/** Step 4, solved: NetworkDeviceCheck {device?, interface?} → SSH → a report of the interfaces. */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
const CHECKS = ['NetworkDeviceCheck', 'DeviceCheck'];

// (1) An interface name and nothing else: letters, then numbers joined by "/" and at most one
// ".": GigabitEthernet1, Gi0/0/1, Loopback0, Gi1.100. No space, ";", "|" or newline can pass,
// so a payload can never add a second command to the line we send.
const INTERFACE_NAME = /^[A-Za-z][A-Za-z-]{0,30}\d{1,4}(\/\d{1,4}){0,3}(\.\d{1,5})?$/;
const deviceCheck = Joi.object({
  device: Joi.string().max(64),
  interface: Joi.string()
    .pattern(INTERFACE_NAME)
    .messages({ 'string.pattern.base': '"interface" must be an interface name such as GigabitEthernet1' }),
}).unknown(true);

interface InterfaceRow {
  name: string;
  ip: string;
  status: string;
  protocol: string;
}

// (3) One row of `show ip interface brief`. Status can be two words: "administratively down".
const ROW = /^(\S+)\s+(\S+)\s+\S+\s+\S+\s+(up|down|administratively down)\s+(up|down)$/;

function parseBrief(text: string): InterfaceRow[] {
  return text.split('\n').flatMap((line) => {
    const m = ROW.exec(line.trim());
    return m ? [{ name: m[1]!, ip: m[2]!, status: m[3]!, protocol: m[4]! }] : [];
  });
}

/** node-ssh's failures, as answers: a slow device is 504, one we cannot reach or log in to 502. */
function deviceError(err: unknown, name: string): HttpError {
  if (err instanceof HttpError) return err;
  const { level, message } = err as { level?: string; message?: string };
  if (level === 'client-timeout') return new HttpError(504, 'DEVICE_TIMEOUT', `${name} did not complete the SSH login in time.`);
  if (level === 'client-authentication') return new HttpError(502, 'DEVICE_AUTH_FAILED', `${name} refused our login.`);
  return new HttpError(502, 'DEVICE_UNREACHABLE', `${name} could not be reached (${message ?? String(err)}).`);
}

// (2) Log in, run the two commands, always log out.
async function readDevice(
  env: ExerciseEnv,
  log: ServerDeps['log'],
  name: string | undefined,
): Promise<{ hostname: string; rows: InterfaceRow[] }> {
  const { device } = env;
  const ssh = new NodeSSH();
  const run = async (command: string): Promise<string> => {
    log('DEVICE_COMMAND', { device: device.name, command });
    return (await ssh.execCommand(command)).stdout;
  };
  try {
    await ssh.connect({
      host: device.host,
      port: device.port,
      username: device.username,
      password: device.password,
      readyTimeout: env.upstreamTimeoutMs,
    });
    ssh.connection?.on('error', () => undefined); // a connection that breaks later must not crash the server
    log('DEVICE_CONNECT', { device: device.name, host: device.host, port: device.port });
    const version = await run('show version');
    // Only a name that passed INTERFACE_NAME is ever put into a command.
    const brief = await run(name === undefined ? 'show ip interface brief' : `show ip interface brief | include ${name}`);
    return { hostname: /^(\S+) uptime is /m.exec(version)?.[1] ?? device.name, rows: parseBrief(brief) };
  } finally {
    ssh.dispose();
  }
}

export function buildApp({ env, log }: ServerDeps): Express {
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'network' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (!CHECKS.includes(event)) {
      res.json({ status: 'ignored', reason: `This server does not handle ${event} events.`, supported: CHECKS });
      return;
    }
    // (1) Refused before any SSH: a device we do not manage, an interface name that is not one.
    const { device, interface: name } = checkPayload(deviceCheck, req.body);
    if (device !== undefined && device.toLowerCase() !== env.device.name.toLowerCase()) {
      throw new HttpError(422, 'UNKNOWN_DEVICE', `${device} is not a device this server manages (${env.device.name}).`);
    }
    // (4) One deadline for the whole conversation: node-ssh has none for commands.
    let found: { hostname: string; rows: InterfaceRow[] };
    try {
      found = await withTimeout(
        readDevice(env, log, name),
        env.upstreamTimeoutMs,
        'DEVICE_TIMEOUT',
        `${env.device.name} did not answer in time.`,
      );
    } catch (err) {
      const answer = deviceError(err, env.device.name);
      log('DEVICE_ERROR', { device: env.device.name, code: answer.code });
      throw answer;
    }
    // `| include` matches part of a line (GigabitEthernet1 is in GigabitEthernet10): keep exact names.
    const interfaces = name === undefined ? found.rows : found.rows.filter((row) => row.name === name);
    if (name !== undefined && interfaces.length === 0)
      throw new HttpError(422, 'UNKNOWN_INTERFACE', `${env.device.name} has no interface ${name}.`);
    const up = interfaces.filter((i) => i.protocol === 'up').length;
    const adminDown = interfaces.filter((i) => i.status === 'administratively down').length;
    res.json({
      event: 'NetworkDeviceCheck',
      device: env.device.name,
      hostname: found.hostname,
      interfaces,
      counts: { total: interfaces.length, up, down: interfaces.length - up - adminDown, admin_down: adminDown },
    });
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'network', port: 8003 }, buildApp);
