import type { InterfaceState } from './device-interface';

// Generic in the device type, so that this module needs nothing from device-state.ts (which
// holds a Fabric<DeviceState>): the two would otherwise import each other.

/** One end of a cable: a device and one of its interfaces. */
export interface LinkEnd<Device> {
  device: Device;
  iface: InterfaceState;
}

/** What a device can see of the network around it: who is at the other end of each cable. */
export interface Fabric<Device> {
  peer(state: Device, ifName: string): LinkEnd<Device> | undefined;
  /** Every device of the lab, for following a packet beyond the first hop. */
  devices(): readonly Device[];
}

/** A device on its own: no cables modelled, so nothing is learnt from neighbours. */
export const STANDALONE: Fabric<never> = { peer: () => undefined, devices: () => [] };
