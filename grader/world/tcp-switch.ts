import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * How the switch treats connections: `up` relays them to the device; `down` resets them at once,
 * as from a host that went away; `hang` accepts them and then says nothing, as from a device
 * whose SSH server is stuck (only a client with a timeout gets out).
 */
export type SwitchMode = 'up' | 'down' | 'hang';
export const SWITCH_MODES: readonly SwitchMode[] = ['up', 'down', 'hang'];

/** A TCP relay that can be switched off: the grader's "device down" and "device hangs". */
export interface TcpSwitch {
  port: number;
  readonly mode: SwitchMode;
  readonly up: boolean;
  /** Every change cuts the connections open so far (a hung client is let go when the device comes back). */
  setMode(mode: SwitchMode): void;
  setUp(up: boolean): void;
  /** New connections go to this port from now on (the router rebooted); open ones are cut. */
  retarget(port: number): void;
  close(): Promise<void>;
}

/** Listens on host:port and pipes each connection to target; `port` 0 picks a free one. */
export async function startTcpSwitch(options: {
  target: { host: string; port: number };
  host?: string;
  port?: number;
}): Promise<TcpSwitch> {
  let mode: SwitchMode = 'up';
  let target = { ...options.target };
  const open = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    open.add(s);
    s.on('error', () => s.destroy()).on('close', () => open.delete(s));
  };
  const server = net.createServer((client) => {
    if (mode === 'down') return void client.resetAndDestroy();
    track(client);
    if (mode === 'hang') return; // accepted, and never a byte back
    const device = net.connect(target.port, target.host);
    track(device);
    const cut = (): void => {
      client.destroy();
      device.destroy();
    };
    client.on('close', cut);
    device.on('close', cut);
    client.pipe(device);
    device.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const setMode = (next: SwitchMode): void => {
    if (next === mode) return;
    mode = next;
    for (const s of open) s.destroy();
  };
  return {
    port: (server.address() as AddressInfo).port,
    get mode() {
      return mode;
    },
    get up() {
      return mode === 'up';
    },
    setMode,
    setUp: (up) => setMode(up ? 'up' : 'down'),
    retarget(port) {
      target = { ...target, port };
      for (const s of open) s.destroy();
    },
    close() {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
