import path from 'node:path';
import type { DeviceSpec } from '../../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/start-simulator';
import { tempDir } from './test-config';

export const ROUTER_LOGIN = { username: 'admin', password: 'lab-pass-123', enableSecret: 'lab-enable-456' } as const;

/** A simulated router on an ephemeral port, and the DeviceSpec a client needs to reach it. */
export interface TestRouter {
  sim: RunningSimulator;
  /** Router1 as the client sees it (host, SSH port, credentials). */
  spec: DeviceSpec;
  /** A private folder for this router's keys, the client's known_hosts, backups and logs. */
  dir: string;
  knownHostsFile: string;
  /** GET the simulator's control port. */
  control<T = Record<string, unknown>>(route: string, method?: 'GET' | 'POST'): Promise<T>;
  /** SSH sessions the device has seen opened (its own count, from GET /stats). */
  sessionsOpened(): Promise<number>;
  close(): Promise<void>;
}

/** Starts Router1 (privilege 1, so the client must `enable`) with the given simulator options. */
export async function startTestRouter(options: Partial<SimulatorOptions> = {}, privilege: 1 | 15 = 1): Promise<TestRouter> {
  const dir = tempDir('hooklab-router-');
  const device: DeviceSpec = { name: 'Router1', host: '127.0.0.1', port: 0, ...ROUTER_LOGIN, privilege };
  const sim = await startSimulator({
    devices: [device],
    sshPort: 0,
    controlPort: 0,
    hostKeyDir: path.join(dir, 'keys'),
    logToConsole: false,
    ...options,
  });
  const control = async <T>(route: string, method: 'GET' | 'POST' = 'GET'): Promise<T> => {
    const res = await fetch(`${sim.controlUrl}${route}`, { method });
    return (await res.json()) as T;
  };
  return {
    sim,
    spec: { ...device, port: sim.devices[0]!.sshPort },
    dir,
    knownHostsFile: path.join(dir, 'known_hosts'),
    control,
    sessionsOpened: async () => (await control<{ sessions_opened: number }>('/stats')).sessions_opened,
    close: () => sim.close(),
  };
}
