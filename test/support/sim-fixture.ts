import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDeviceInventory, loadInventoryLinks, type DeviceSpec } from '../../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../simulator/start-simulator';
import { CliSession } from '../../simulator/cli/cli-session';
import { DeviceState } from '../../simulator/device-state';
import { LabNetwork, noCarrierAtBoot } from '../../simulator/lab-network';

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

/** A device's CLI in-process, as admin at privilege 15 with no pager: what it wrote, and each line's output. */
export interface InProcessCli {
  cli: CliSession;
  state: DeviceState;
  /** Everything the session wrote so far (prompts and echoes included). */
  writes: string[];
  /** Types one line; answers its output as the user reads it: after the echo, up to the next prompt. */
  run(line: string): string[];
}

export function inProcessCli(state: DeviceState = new DeviceState(deviceSpec())): InProcessCli {
  const writes: string[] = [];
  const cli = new CliSession({
    state,
    user: 'admin',
    privilege: 15,
    source: '192.0.2.9',
    line: 'vty0',
    write: (t) => void writes.push(t),
    close: () => undefined,
  });
  cli.setTerminal({ length: 0 });
  cli.start();
  const run = (line: string): string[] => {
    writes.length = 0;
    cli.receive(`${line}\r`);
    return writes.join('').split('\r\n').slice(1, -1);
  };
  return { cli, state, writes, run };
}

/**
 * The optional three-router lab of INSTRUCTIONS (simulator/inventory.example.json), in process:
 * its routers as they boot (a cable with nothing at its far end has no carrier) and the cabling
 * between them. Close the network when done.
 */
export function exampleLab(): { routers: DeviceState[]; network: LabNetwork } {
  const inventory = path.join(__dirname, '..', '..', 'simulator', 'inventory.example.json');
  const specs = loadDeviceInventory(
    { name: 'Router1', host: '127.0.0.1', port: 2222, username: 'admin', password: 'cisco', enableSecret: 'cisco' },
    inventory,
    { ROUTER2_PASSWORD: 'cisco', ROUTER2_ENABLE_SECRET: 'cisco' },
  );
  const links = loadInventoryLinks(inventory);
  const noCarrier = noCarrierAtBoot(specs, links);
  const routers = specs.map((spec, index) => new DeviceState(spec, { index, noCarrier: noCarrier.get(spec.name.toLowerCase()) ?? [] }));
  return { routers, network: new LabNetwork(routers, links) };
}
