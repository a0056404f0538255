import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DeviceSpec } from '../../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/start-simulator';

/** A device spec with the lab's default credentials; tests override what they need. */
export function deviceSpec(overrides: Partial<DeviceSpec> = {}): DeviceSpec {
  return {
    name: 'Router1',
    host: '127.0.0.1',
    port: 0,
    username: 'admin',
    password: 'cisco',
    enableSecret: 'cisco',
    privilege: 15,
    ...overrides,
  };
}

export interface SimFixture {
  sim: RunningSimulator;
  dir: string;
  port: number;
  logFile: string;
  /** The log file once a line matches `pattern` (the logger writes asynchronously). */
  logWith(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** Reads a log file until `pattern` shows up (or the time is up), and returns its text. */
export async function waitForLog(file: string, pattern: RegExp, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const read = (): string => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  let text = read();
  while (!pattern.test(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    text = read();
  }
  return text;
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
    logWith: (pattern, timeoutMs) => waitForLog(path.join(dir, 'logs', 'device_simulator.log'), pattern, timeoutMs),
    close: async () => {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
