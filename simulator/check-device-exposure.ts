import type { DeviceSpec } from '../common/inventory/device-inventory';
import type { EventLogger } from '../common/logging/create-logger';
import { isLoopbackHost } from '../common/net/loopback';

/** The lab's published default login password: everyone who read the README knows it. */
export const DEFAULT_DEVICE_PASSWORD = 'cisco';

/**
 * Safe by default, as the servers are: a device reachable from other machines must not accept
 * the password printed in the README. Refuses (throws, naming the variables to change) unless
 * ALLOW_INSECURE=true, which is then logged as a SECURITY warning.
 */
export function checkDeviceExposure(
  devices: ReadonlyArray<{ spec: DeviceSpec; host: string }>,
  allowInsecure: boolean,
  logger: EventLogger,
): void {
  for (const { spec, host } of devices) {
    if (isLoopbackHost(host) || spec.password !== DEFAULT_DEVICE_PASSWORD) continue;
    if (!allowInsecure) {
      throw new Error(
        `Refusing to listen on ${host} for ${spec.name} with the default password: set DEVICE_PASSWORD (or the device's ` +
          'password_env) to a password of your own, bind DEVICE_HOST=127.0.0.1, or set ALLOW_INSECURE=true to accept the risk.',
      );
    }
    logger.log('SECURITY', {
      warning: 'insecure_exposure',
      device: spec.name,
      host,
      detail: 'default password on a non-loopback address (ALLOW_INSECURE=true)',
    });
  }
}
