import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { DeviceSpec } from '../common/inventory/device-inventory';
import type { RunningSimulator } from '../simulator/start-simulator';
import { round, spawnServer, type ChildServer } from './child-server';
import { labFolders } from '../lab/lab-folders';

/** The simulated devices' login, the same on every bench device. */
export const LOGIN = { username: 'admin', password: 'cisco', enableSecret: 'cisco' };

export interface Answer {
  status: number;
  ms: number;
  body: Record<string, unknown> | undefined;
  error?: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/** Closes the keep-alive connections post() holds open (at the end of a bench). */
export function closeConnections(): void {
  agent.destroy();
}

/** POSTs one event and times it until the whole answer is read. */
export function post(url: string, payload: object): Promise<Answer> {
  const body = JSON.stringify(payload);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/events`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = round(performance.now() - started, 2);
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, ms, body: parsed });
        });
      },
    );
    req.on('error', (err) => resolve({ status: 0, ms: round(performance.now() - started, 2), body: undefined, error: err.message }));
    req.end(body);
  });
}

export function spec(name: string): DeviceSpec {
  return { name, host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15 };
}

/** A network server (its own process) whose inventory is `names`, the first being the default. */
export async function startNetworkServer(
  sim: RunningSimulator,
  names: string[],
  dir: string,
  extraEnv: Record<string, string> = {},
): Promise<ChildServer> {
  const port = (name: string): number => sim.devices.find((d) => d.name === name)!.sshPort;
  fs.mkdirSync(dir, { recursive: true });
  const inventory = path.join(dir, 'inventory.json');
  fs.writeFileSync(
    inventory,
    JSON.stringify({ devices: names.map((name) => ({ name, host: '127.0.0.1', port: port(name), username: LOGIN.username })) }),
  );
  return spawnServer('network', {
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      RATE_LIMIT_PER_MIN: '0',
      ...labFolders(dir),
      DEVICE_NAME: names[0]!,
      DEVICE_HOST: '127.0.0.1',
      DEVICE_PORT: String(port(names[0]!)),
      DEVICE_USERNAME: LOGIN.username,
      DEVICE_PASSWORD: LOGIN.password,
      DEVICE_ENABLE_SECRET: LOGIN.enableSecret,
      DEVICE_INVENTORY: inventory,
      ...extraEnv,
    },
  });
}

export async function deviceStats(sim: RunningSimulator): Promise<Record<string, { sessions_opened: number; commands: number }>> {
  const res = await fetch(`${sim.controlUrl}/stats`);
  return ((await res.json()) as { devices: Record<string, { sessions_opened: number; commands: number }> }).devices;
}
