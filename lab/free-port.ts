import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP port on loopback that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** True when something accepts a TCP connection on the loopback port right now. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls the loopback port until something accepts a connection (true), or until the deadline
 * (a Date.now() time) passes or `gaveUp()` says to stop, e.g. the server exited (false).
 * Polling is the only way to learn when another process starts listening.
 */
export async function waitForListener(port: number, deadline: number, gaveUp: () => boolean = () => false): Promise<boolean> {
  while (!gaveUp() && Date.now() < deadline) {
    if (await acceptsConnections(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}
