import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import { AppError } from '../errors';
import { connectSsh } from './connect-ssh';
import { DeviceSession, type DeviceSessionOptions } from './device-session';
import { PASSWORD_PROMPT, PROMPT } from './shell-reader';
import { publishDeviceActivity } from '../observe/device-activity';
import { msSince } from '../ms-since';

/**
 * Connects to a device and logs in the way network automation libraries do: wait for the
 * prompt, `terminal length 0` (no --More--), `terminal width 511`, and `enable` when the login
 * lands at `>`. Answers a session ready for commands; throws DEVICE_* errors.
 */
export async function openDeviceSession(spec: DeviceSpec, options: DeviceSessionOptions): Promise<DeviceSession> {
  const started = process.hrtime.bigint();
  const conn = await connectSsh(spec, options).catch((err: AppError) => {
    options.logger?.log('DEVICE_ERROR', { device: spec.name, host: spec.host, port: spec.port, code: err.code, error: err.message });
    publishDeviceActivity({
      type: 'connect-failed',
      device: spec.name,
      host: spec.host,
      port: spec.port,
      code: err.code,
      message: err.message,
    });
    throw err;
  });
  const hostKey = conn.hostKey === 'new' ? 'new' : 'known';
  publishDeviceActivity({
    type: 'connected',
    device: spec.name,
    username: spec.username,
    host: spec.host,
    port: spec.port,
    hostKey,
    durationMs: msSince(started),
  });
  const session = new DeviceSession(spec, options, conn);
  try {
    await logIn(session);
  } catch (err) {
    session.destroy();
    throw err;
  }
  options.logger?.log('DEVICE_CONNECT', {
    device: spec.name,
    host: spec.host,
    port: spec.port,
    user: spec.username,
    host_key: hostKey === 'new' ? 'trusted-first-use' : 'known',
    duration_ms: msSince(started),
  });
  return session;
}

/** The banner up to the first prompt, the terminal settings, and privileged mode. */
async function logIn(session: DeviceSession): Promise<void> {
  const prompt = PROMPT.exec(await session.exchange(undefined, [PROMPT], 'login'))!;
  session.hostname = prompt[1]!;
  await session.exchange('terminal length 0', [PROMPT]);
  await session.exchange('terminal width 511', [PROMPT]);
  if (prompt[3] === '>') await enable(session);
}

/** `enable`, the secret when asked (never logged), and a `#` prompt — or DEVICE_AUTH_FAILED. */
async function enable(session: DeviceSession): Promise<void> {
  const asked = await session.exchange('enable', [PROMPT, PASSWORD_PROMPT]);
  const answer = PASSWORD_PROMPT.test(asked)
    ? await session.exchange(session.spec.enableSecret, [PROMPT, PASSWORD_PROMPT], 'enable secret')
    : asked;
  if (PROMPT.exec(answer)?.[3] !== '#') {
    const err = new AppError('DEVICE_AUTH_FAILED', `${session.spec.name} refused the enable secret: check DEVICE_ENABLE_SECRET.`);
    session.logError(err, 'enable');
    throw err;
  }
}
