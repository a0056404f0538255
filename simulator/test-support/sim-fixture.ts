import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceSpec } from '../../servers/lib/device-inventory';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../start-simulator';

/** A device spec with the lab's default credentials; tests override what they need. */
export function deviceSpec(overrides: Partial<DeviceSpec> = {}): DeviceSpec {
  return { name: 'Router1', host: '127.0.0.1', port: 0, username: 'admin', password: 'cisco', enableSecret: 'cisco', privilege: 15, ...overrides };
}

export interface SimFixture {
  sim: RunningSimulator;
  dir: string;
  port: number;
  logFile: string;
  close(): Promise<void>;
}

/** Starts a simulator on ephemeral ports with its own temp dir for keys and logs. */
export async function startTestSimulator(options: Partial<SimulatorOptions> = {}): Promise<SimFixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-sim-'));
  const sim = await startSimulator({
    devices: [deviceSpec()],
    sshPort: 0,
    controlPort: 0,
    hostKeyDir: path.join(dir, 'keys'),
    logDir: path.join(dir, 'logs'),
    logLevel: 'debug',
    ...options,
  }).catch((err: unknown) => {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  });
  return {
    sim,
    dir,
    port: sim.devices[0]?.sshPort ?? 0,
    logFile: path.join(dir, 'logs', 'device_simulator.log'),
    close: async () => {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
