import net from 'node:net';
import { Server, type Connection, type ParsedKey } from 'ssh2';
import type { EventLogger } from '../common/logging/create-logger';
import type { DeviceState } from './device-state';
import type { DeviceStats } from './simulator-stats';
import { createAuthHandler } from './ssh-auth';
import { LoginThrottle } from './login-throttle';
import { handleSession } from './ssh-session';
import type { ConnectionLimits } from '../common/net/limit-connections';
import { keyOf, PendingLogins } from './pending-logins';

export interface DeviceSshOptions {
  state: DeviceState;
  stats: DeviceStats;
  logger: EventLogger;
  hostKey: string;
  authorizedKeys: readonly ParsedKey[];
  host: string;
  port: number;
  /** A connection that has not logged in by then is dropped, handshake included (default 20 s). */
  loginTimeoutMs?: number;
  /**
   * Connections that have not logged in yet, in all and per address (default 128 and 32): each
   * holds a descriptor and costs a key exchange; past a cap the oldest is dropped
   * (pending-logins.ts). Logged-in sessions count only in `maxConnections`.
   */
  unauthenticated?: ConnectionLimits;
  /** Open connections in all, logged in or not (default 1024). */
  maxConnections?: number;
  /** Failed logins per source address (the simulator shares one across its devices). */
  throttle?: LoginThrottle;
}

export interface DeviceSshServer {
  port: number;
  close(): Promise<void>;
}

/** Errors that only mean the peer went away: a client that sends `exit` and resets is normal. */
const PEER_GONE = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT']);

const EXIT_GRACE_MS = 2000;
/** The SSH listener's guards unless told otherwise (REFERENCE.md states them). */
export const SSH_GUARDS = { loginTimeoutMs: 20_000, unauthenticated: { total: 128, perAddress: 32 }, maxConnections: 1024 } as const;

/** Lowest free vty line numbers, so CONFIG_I says `vty0` for the first session as IOS does. */
function vtyPool(): { take(): number; give(n: number): void } {
  const used = new Set<number>();
  return {
    take() {
      let n = 0;
      while (used.has(n)) n += 1;
      used.add(n);
      return n;
    },
    give: (n) => void used.delete(n),
  };
}

/** Starts one device's SSH server; each device has its own port. */
export async function startDeviceSsh(options: DeviceSshOptions): Promise<DeviceSshServer> {
  const { state, stats, logger } = options;
  const device = state.spec.name;
  const sockets = new Set<net.Socket>();
  const clients = new Set<Connection>();
  const vty = vtyPool();
  const throttle = options.throttle ?? new LoginThrottle();
  // Real IOS identifies itself like this; some clients log it, none should depend on it.
  const ssh = new Server({ hostKeys: [options.hostKey], ident: 'Cisco-1.25' });

  // Connections not logged in yet: a login frees its slot and stops its clock.
  const pending = new PendingLogins(
    options.unauthenticated ?? SSH_GUARDS.unauthenticated,
    options.loginTimeoutMs ?? SSH_GUARDS.loginTimeoutMs,
    (source, reason) => logger.log('DEVICE_CONNECT', { event: 'dropped', reason, device, source }, 'debug'),
  );

  ssh.on('connection', (client: Connection, info) => {
    const source = (info.ip ?? '').replace(/^::ffff:/, '');
    let channels = 0;
    let login = state.spec.username;
    clients.add(client);
    logger.log('DEVICE_CONNECT', { event: 'connect', device, source, port: info.port, client: info.header.versions.software }, 'debug');
    client.on(
      'authentication',
      createAuthHandler(client, {
        state,
        authorizedKeys: options.authorizedKeys,
        logger,
        stats,
        source,
        throttle,
        onLogin: (user) => (login = user),
      }),
    );
    client.on('ready', () => {
      pending.release(keyOf(info.ip, info.port));
      client.on('session', (accept) => {
        channels += 1;
        handleSession(accept(), {
          state,
          stats,
          logger,
          source,
          vty,
          user: login,
          onClosed: (byExit) => {
            channels -= 1;
            // After `exit` IOS drops the connection. Clients (OpenSSH, node-ssh, Netmiko) close it
            // themselves once the channel is gone; ending it first would race their last packets
            // into a TCP reset, so the device only ends a connection left idle after the grace.
            if (byExit && channels === 0) {
              const idle = setTimeout(() => channels === 0 && client.end(), EXIT_GRACE_MS);
              idle.unref();
              client.once('close', () => clearTimeout(idle));
            }
          },
        });
      });
    });
    client.on('error', (err: Error & { code?: string; level?: string }) => {
      const gone = (err.code && PEER_GONE.has(err.code)) || err.level === 'client-timeout';
      logger.log(
        'DEVICE_CONNECT',
        { event: gone ? 'peer_gone' : 'protocol_error', device, source, reason: err.message },
        gone ? 'debug' : 'warn',
      );
    });
    client.on('close', () => {
      clients.delete(client);
      logger.log('DEVICE_CONNECT', { event: 'disconnect', device, source }, 'debug');
    });
  });
  ssh.on('error', (err: Error) => logger.log('ERROR', { device, reason: err.message }));

  // Our own listener, so every socket gets TCP_NODELAY before the first SSH byte.
  const tcp = net.createServer((socket) => {
    // A locked-out address is dropped before the SSH key exchange, the costly part of a guess.
    const source = (socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (throttle.isLocked(source) && !throttle.hasKnownLogin(source)) {
      logger.log('DEVICE_CONNECT', { event: 'refused_locked_out', device, source }, 'debug');
      socket.destroy();
      return;
    }
    // The clock starts at the TCP connection: a client that never even sends its SSH version
    // (ssh2 knows of it only then) is dropped as well.
    pending.add(socket, source);
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    ssh.injectSocket(socket);
  });
  tcp.maxConnections = options.maxConnections ?? SSH_GUARDS.maxConnections;
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(options.port, options.host, () => {
      tcp.off('error', reject);
      resolve();
    });
  });
  tcp.on('error', (err) => logger.log('ERROR', { device, reason: err.message }));
  const port = (tcp.address() as net.AddressInfo).port;

  return {
    port,
    close: async () => {
      const closed = new Promise<void>((resolve) => tcp.close(() => resolve()));
      // A polite SSH disconnect first; whatever is still open after a moment is cut.
      for (const client of clients) client.end();
      const deadline = Date.now() + 500;
      while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
