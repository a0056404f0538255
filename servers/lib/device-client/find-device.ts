import type { DeviceSpec } from '../../../common/inventory/device-inventory';
import { AppError } from '../errors';

/** The inventory entry for a name (any case); the first (default) device when none is given; else 422 UNKNOWN_DEVICE. */
export function findDevice(devices: readonly DeviceSpec[], name?: string): DeviceSpec {
  const spec = name === undefined ? devices[0] : devices.find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (spec) return spec;
  throw new AppError('UNKNOWN_DEVICE', `No device named "${name}" in the inventory.`, {
    // Never the inventory itself: a sender learns nothing about the other devices by guessing.
    details: [
      {
        field: 'device',
        message: 'Name a device this server manages (DEVICE_NAME or DEVICE_INVENTORY), or leave "device" out for the default one.',
      },
    ],
  });
}
