import net from 'node:net';
import { NodeSSH } from 'node-ssh';
import type { ClientChannel } from 'ssh2';
import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import type { KnownHosts, HostKeyVerdict } from './known-hosts';
import { translateSshError } from './translate-ssh-error';

/** An authenticated SSH connection with an interactive shell open on it. */
export interface SshShell {
  ssh: NodeSSH;
  shell: ClientChannel;
  socket: net.Socket;
  /** `known` or `new` (trusted on first use just now). */
  hostKey: HostKeyVerdict;
}

/** How long the TCP connect + SSH handshake + login may take, and the host keys to check against. */
export interface ConnectOptions {
  connectTimeoutMs: number;
  knownHosts: KnownHosts;
}

/**
 * Connects with node-ssh over our own TCP socket and opens a shell (not exec: many IOS devices
 * close the connection after one exec). Our own socket lets us turn Nagle off: an interactive
 * session sends small writes and waits for the answer, and Nagle plus delayed ACKs would add
 * ~40 ms to each command on a warm session.
 */
export async function connectSsh(spec: DeviceSpec, options: ConnectOptions): Promise<SshShell> {
  const { host, port } = spec;
  const socket = net.connect({ host, port });
  socket.setNoDelay(true);
  let tcpConnected = false;
  socket.once('connect', () => (tcpConnected = true));
  let hostKey: HostKeyVerdict | undefined;
  const ssh = new NodeSSH();
  try {
    await ssh.connect({
      sock: socket,
      host,
      port,
      username: spec.username,
      password: spec.password,
      tryKeyboard: true,
      readyTimeout: options.connectTimeoutMs,
      // node-ssh verifies nothing unless told; refusing a changed key is what stops a
      // man-in-the-middle from collecting the device password.
      hostVerifier: (key: Buffer) => {
        hostKey = options.knownHosts.verify(host, port, key);
        return hostKey !== 'changed';
      },
    });
    const connection = ssh.connection!;
    // node-ssh stops listening for errors once connected; an unhandled 'error' would crash the
    // process, so errors after this point surface as the shell closing instead.
    connection.on('error', () => undefined);
    const shell = await ssh.requestShell({ term: 'vt100', cols: 511, rows: 24 });
    shell.on('error', () => undefined);
    return { ssh, shell, socket, hostKey: hostKey ?? 'known' };
  } catch (err) {
    socket.destroy();
    ssh.dispose();
    throw translateSshError(err, {
      device: spec.name,
      host,
      port,
      username: spec.username,
      timeoutMs: options.connectTimeoutMs,
      hostKeyChanged: hostKey === 'changed',
      tcpConnected,
    });
  }
}
