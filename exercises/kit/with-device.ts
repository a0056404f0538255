import { NodeSSH } from 'node-ssh';
import type { ExerciseEnv } from './read-env';
import type { Log } from './log-line';
import { HttpError } from './json-errors';
import { sendConfigSet } from './send-config-set';
import { withTimeout } from './with-timeout';

/** The device, as a handler in step 6 uses it. */
export interface DeviceCli {
  /** Runs one exec command (e.g. `show interfaces GigabitEthernet1`) and returns its output. */
  run(command: string): Promise<string>;
  /** Sends configuration lines (see send-config-set.ts). */
  configure(lines: readonly string[]): Promise<string>;
}

/** node-ssh / ssh2 failures as the lab's answers (what you wrote in step 4); anything else is a bug (500). */
function deviceError(err: unknown, name: string): Error {
  if (err instanceof HttpError) return err;
  const { level, code, message } = err as { level?: string; code?: string; message?: string };
  if (level === 'client-timeout') return new HttpError(504, 'DEVICE_TIMEOUT', `${name} did not complete the SSH login in time.`);
  if (level === 'client-authentication')
    return new HttpError(502, 'DEVICE_AUTH_FAILED', `${name} refused the login: check DEVICE_USERNAME / DEVICE_PASSWORD.`);
  if (level !== undefined || code !== undefined)
    return new HttpError(502, 'DEVICE_UNREACHABLE', `${name} could not be reached (${message ?? code}).`);
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Logs in to DEVICE_HOST:DEVICE_PORT over SSH, lets `work` use the device, and always logs out.
 * Everything together must finish within UPSTREAM_TIMEOUT_MS (504 DEVICE_TIMEOUT otherwise).
 */
export async function withDevice<T>(env: ExerciseEnv, log: Log, work: (cli: DeviceCli) => Promise<T>): Promise<T> {
  const { device } = env;
  const ssh = new NodeSSH();
  const cli: DeviceCli = {
    async run(command) {
      log('DEVICE_COMMAND', { device: device.name, command });
      const { stdout } = await ssh.execCommand(command);
      return stdout;
    },
    async configure(lines) {
      log('DEVICE_COMMAND', { device: device.name, command: lines.join('; ') });
      return sendConfigSet(ssh, lines);
    },
  };
  try {
    const session = async (): Promise<T> => {
      await ssh.connect({
        host: device.host,
        port: device.port,
        username: device.username,
        password: device.password,
        readyTimeout: env.upstreamTimeoutMs,
      });
      // A connection that breaks later must not crash the server: its error reaches `work`.
      ssh.connection?.on('error', () => undefined);
      log('DEVICE_CONNECT', { device: device.name, host: device.host, port: device.port });
      return work(cli);
    };
    return await withTimeout(
      session(),
      env.upstreamTimeoutMs,
      'DEVICE_TIMEOUT',
      `${device.name} did not answer within ${env.upstreamTimeoutMs} ms.`,
    );
  } catch (err) {
    const answer = deviceError(err, device.name);
    if (answer instanceof HttpError) log('DEVICE_ERROR', { device: device.name, code: answer.code, reason: answer.message });
    throw answer;
  } finally {
    ssh.dispose();
  }
}
