import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP relay that can be switched off: the grader's "device down". */
export interface TcpSwitch {
  port: number;
  readonly up: boolean;
  /** Down: open connections are cut and new ones reset at once, as from a host that went away. */
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
  let up = true;
  let target = { ...options.target };
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) return void client.resetAndDestroy();
    const device = net.connect(target.port, target.host);
    open.add(client);
    open.add(device);
    const cut = (): void => {
      client.destroy();
      device.destroy();
      open.delete(client);
      open.delete(device);
    };
    client.on('error', cut).on('close', cut);
    device.on('error', cut).on('close', cut);
    client.pipe(device);
    device.pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get up() {
      return up;
    },
    setUp(next) {
      up = next;
      if (!up) for (const s of open) s.destroy();
    },
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
