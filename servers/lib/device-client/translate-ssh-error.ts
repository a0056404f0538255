import { AppError, isAppError } from '../errors';
import { ShellReadError } from './shell-reader';

/** What was going on when an SSH failure happened, so the message can name it. */
export interface SshErrorContext {
  device: string;
  host: string;
  port: number;
  username?: string;
  /** The command being run; absent while connecting. */
  command?: string;
  timeoutMs: number;
  /** The host verifier refused a changed key. */
  hostKeyChanged?: boolean;
  /** Whether the TCP connection was up when the error came (tells a dead host from a slow SSH server). */
  tcpConnected?: boolean;
}

// Socket errors that mean "could not get to the device at all".
const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
};

function describe(err: unknown): { message: string; code?: string; level?: string } {
  const e = err as { message?: unknown; code?: unknown; level?: unknown } | null;
  return {
    message: typeof e?.message === 'string' ? e.message : String(err),
    ...(typeof e?.code === 'string' && { code: e.code }),
    ...(typeof e?.level === 'string' && { level: e.level }),
  };
}

/**
 * Turns a node-ssh / ssh2 / shell failure into the lab's DEVICE_* error, with a message that
 * names the device and the cause, and the original error kept as `cause` (like Netmiko's
 * NetmikoTimeoutException / NetmikoAuthenticationException split).
 */
export function translateSshError(err: unknown, ctx: SshErrorContext): AppError {
  if (isAppError(err)) return err;
  const where = `${ctx.device} (${ctx.host}:${ctx.port})`;
  const doing = ctx.command === undefined ? 'while connecting' : `during "${ctx.command}"`;
  const make = (code: AppError['code'], message: string): AppError => new AppError(code, message, { cause: err });
  const { message, code, level } = describe(err);

  if (ctx.hostKeyChanged) {
    return make(
      'DEVICE_HOST_KEY_CHANGED',
      `${where} presented a different SSH host key than the one trusted before; refusing to connect. If the device was really replaced, remove its known-hosts entry (see servers/network/README.md).`,
    );
  }
  if (err instanceof ShellReadError) {
    return err.reason === 'timeout'
      ? make(
          'DEVICE_TIMEOUT',
          `${ctx.device} did not finish answering "${ctx.command ?? 'the login'}" within ${ctx.timeoutMs} ms (stalled after ${err.received} bytes); the session was dropped.`,
        )
      : make('DEVICE_UNREACHABLE', `${ctx.device} closed the SSH session ${doing}.`);
  }
  if (level === 'client-authentication' || /authentication methods failed/i.test(message)) {
    return make(
      'DEVICE_AUTH_FAILED',
      `${where} refused the login of user "${ctx.username ?? '?'}": check DEVICE_USERNAME / DEVICE_PASSWORD.`,
    );
  }
  if (level === 'client-timeout') {
    return ctx.tcpConnected
      ? make('DEVICE_TIMEOUT', `${where} accepted the connection but did not complete the SSH handshake within ${ctx.timeoutMs} ms.`)
      : make('DEVICE_UNREACHABLE', `${where} is unreachable: no TCP connection within ${ctx.timeoutMs} ms.`);
  }
  if (code !== undefined && NETWORK_CODES[code]) {
    return make('DEVICE_UNREACHABLE', `${where} is unreachable: ${NETWORK_CODES[code]} (${code}) ${doing}.`);
  }
  if (/No response from server|Not connected|closed/i.test(message)) {
    return make('DEVICE_UNREACHABLE', `${where} closed the connection ${doing}.`);
  }
  return make('DEVICE_UNREACHABLE', `${where}: SSH failed ${doing}: ${message.slice(0, 200)}`);
}
