import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP relay in front of a device that a test can break on purpose. */
export interface FaultProxy {
  port: number;
  /** Connections relayed so far. */
  connections(): number;
  /** From now on, stop passing the device's bytes to the client (a device stalled mid-output). */
  stall(): void;
  /** Pass bytes again (new connections only see a healthy device). */
  heal(): void;
  /** Cut every open connection, as a device reload or a dropped link would. */
  dropAll(): void;
  close(): Promise<void>;
}

/**
 * Relays 127.0.0.1:<port> to the target. SSH is encrypted, so faults are injected below it, at
 * the TCP level: a stalled relay looks to the client exactly like a device that stopped talking.
 */
export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let stalled = false;
  let count = 0;
  const server = net.createServer((client) => {
    count += 1;
    const upstream = net.connect({ host: targetHost, port: targetPort });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (!stalled) client.write(d);
    });
    const end = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    stall: () => (stalled = true),
    heal: () => (stalled = false),
    dropAll: () => {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    close: async () => {
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
