import type net from 'node:net';

export interface ConnectionLimits {
  /** Open connections in all: beyond it Node closes new ones at once. */
  total: number;
  /** Open connections from one address; 0: no limit. */
  perAddress: number;
}

/** What the lab's own listeners (launcher, balancer, dashboard, the router's control port) allow. */
export const LISTENER_LIMITS: ConnectionLimits = { total: 1024, perAddress: 256 };

export interface ConnectionRefusals {
  /** A connection past `perAddress`: answer it if the protocol allows (a 503), then close it. */
  refuse(socket: net.Socket, address: string): void;
  /** A connection past `total`, which Node has already closed. */
  dropped?(address: string): void;
}

/**
 * Every open connection holds a file descriptor, and a client that opens thousands and sends
 * nothing can exhaust them (timeouts only free them seconds later). The total is capped by Node
 * itself (`server.maxConnections`); each address gets a share of it, so one greedy client cannot
 * lock out the others. One helper for every listener the project opens: the four servers, the
 * launcher's dashboard and balancer, the router's control port and SSH.
 */
export function limitConnections(server: net.Server, limits: ConnectionLimits, refusals: ConnectionRefusals): void {
  server.maxConnections = limits.total;
  server.on('drop', (data?: { remoteAddress?: string }) => refusals.dropped?.(data?.remoteAddress ?? 'unknown'));
  if (limits.perAddress <= 0) return;
  const perAddress = new AddressCounter(limits.perAddress);
  // TLS servers emit 'connection' for the raw socket too, before any handshake.
  server.on('connection', (socket: net.Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (!perAddress.take(address)) return refusals.refuse(socket, address);
    let counted = true;
    const uncount = (): void => {
      if (!counted) return;
      counted = false;
      perAddress.give(address);
    };
    (socket as CountedSocket)[UNCOUNT] = uncount;
    socket.once('close', uncount);
  });
}

const UNCOUNT = Symbol('leave the per-address count');
type CountedSocket = net.Socket & { [UNCOUNT]?: () => void };

/**
 * An event stream (a watching live view) is counted by its own, smaller cap (stream-slots.ts):
 * its connection leaves the per-address count, so watchers can never crowd out the webhooks.
 */
export function leaveConnectionCount(socket: net.Socket): void {
  (socket as CountedSocket)[UNCOUNT]?.();
}

/** Open things per address, up to a limit each. */
class AddressCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly limit: number) {}

  /** Counts one more for the address; false (and nothing counted) when it already has `limit`. */
  take(address: string): boolean {
    const count = (this.open.get(address) ?? 0) + 1;
    if (count > this.limit) return false;
    this.open.set(address, count);
    return true;
  }

  give(address: string): void {
    const left = (this.open.get(address) ?? 1) - 1;
    if (left > 0) this.open.set(address, left);
    else this.open.delete(address);
  }
}
