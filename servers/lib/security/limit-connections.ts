import type http from 'node:http';
import type { Socket } from 'node:net';
import { rawErrorResponse } from '../pipeline/raw-error-response';
import type { RefusalLog } from './refusal-log';

export interface ConnectionLimits {
  /** Open connections in all (MAX_CONNECTIONS): beyond it Node closes new ones at once. */
  total: number;
  /** Open connections from one address (MAX_CONNECTIONS_PER_ADDRESS); 0: no limit. */
  perAddress: number;
}

/**
 * Every open connection holds a file descriptor, and a client that opens thousands and sends
 * nothing can exhaust them (header timeouts only free them seconds later). The total is capped by
 * Node itself (`server.maxConnections`); each address gets a share of it, so one greedy client
 * cannot lock out the others: its connections past the share are answered 503
 * TOO_MANY_CONNECTIONS and closed (over TLS, just closed: there is no HTTP yet to answer in).
 */
export function limitConnections(server: http.Server, limits: ConnectionLimits, refusals: RefusalLog, tls: boolean): void {
  server.maxConnections = limits.total;
  server.on('drop', (data?: { remoteAddress?: string }) =>
    refusals.note(data?.remoteAddress ?? 'unknown', 'too_many_connections', { limit: limits.total }),
  );
  if (limits.perAddress <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.perAddress) {
      refusals.note(address, 'too_many_connections_from_address', { limit: limits.perAddress });
      if (tls) socket.destroy();
      else socket.end(rawErrorResponse('TOO_MANY_CONNECTIONS', { 'Retry-After': '1' }));
      return;
    }
    open.set(address, count);
    let counted = true;
    const uncount = (): void => {
      if (!counted) return;
      counted = false;
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    };
    (socket as CountedSocket)[UNCOUNT] = uncount;
    socket.once('close', uncount);
  });
}

const UNCOUNT = Symbol('leave the per-address count');
type CountedSocket = Socket & { [UNCOUNT]?: () => void };

/**
 * An event stream (a watching live view) is counted by its own, smaller cap (stream-slots.ts):
 * its connection leaves the per-address count, so watchers can never crowd out the webhooks.
 */
export function leaveConnectionCount(socket: Socket): void {
  (socket as CountedSocket)[UNCOUNT]?.();
}
