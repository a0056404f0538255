/** The device inventory: DEVICE_* plus the DEVICE_INVENTORY file, its devices and cables. */
export * from './device-inventory';
