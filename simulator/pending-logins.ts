import type net from 'node:net';
import type { ConnectionLimits } from '../common/net/limit-connections';

interface Waiting {
  socket: net.Socket;
  source: string;
  timer: NodeJS.Timeout;
}

/**
 * SSH connections that have not logged in yet, in all and per source address, each with a clock
 * that starts at its first TCP byte. Past a cap the *oldest* waiting connection is dropped, not the
 * newest: a real client logs in within milliseconds, so a flood of idle connections from its own
 * address (127.0.0.1 is shared by everyone on the machine, the network server included) only
 * ever pushes out its own.
 */
export class PendingLogins {
  /** By `address:port` (what ssh2 tells about a connection), oldest first. */
  private readonly waiting = new Map<string, Waiting>();
  private readonly bySource = new Map<string, Set<string>>();

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly timeoutMs: number,
    private readonly onDropped: (source: string, reason: 'login_timeout' | 'too_many_unauthenticated') => void,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Starts the clock of a new connection, making room for it first. */
  add(socket: net.Socket, source: string): void {
    const mine = this.bySource.get(source) ?? new Set<string>();
    if (mine.size >= this.limits.perAddress) this.drop(mine.values().next().value!, 'too_many_unauthenticated');
    if (this.waiting.size >= this.limits.total) this.drop(this.waiting.keys().next().value!, 'too_many_unauthenticated');
    const key = keyOf(socket.remoteAddress, socket.remotePort);
    const timer = setTimeout(() => this.drop(key, 'login_timeout'), this.timeoutMs);
    this.waiting.set(key, { socket, source, timer });
    this.bySource.set(source, mine.add(key));
    socket.once('close', () => this.release(key));
  }

  /** The connection logged in (or closed): it no longer counts, and its clock stops. */
  release(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.waiting.delete(key);
    const mine = this.bySource.get(entry.source);
    mine?.delete(key);
    if (mine?.size === 0) this.bySource.delete(entry.source);
  }

  private drop(key: string, reason: 'login_timeout' | 'too_many_unauthenticated'): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    this.release(key);
    this.onDropped(entry.source, reason);
    entry.socket.destroy();
  }
}

/** The key of a connection, as its socket and ssh2's connection info both give it. */
export function keyOf(address: string | undefined, port: number | undefined): string {
  return `${address}:${port}`;
}
