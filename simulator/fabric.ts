import type { DeviceState } from './device-state';
import type { InterfaceState } from './device-interface';

/** One end of a cable: a device and one of its interfaces. */
export interface LinkEnd {
  device: DeviceState;
  iface: InterfaceState;
}

/** What a device can see of the network around it: who is at the other end of each cable. */
export interface Fabric {
  peer(state: DeviceState, ifName: string): LinkEnd | undefined;
  /** Every device of the lab, for following a packet beyond the first hop. */
  devices(): readonly DeviceState[];
}

/** A device on its own: no cables modelled, so nothing is learnt from neighbours. */
export const STANDALONE: Fabric = { peer: () => undefined, devices: () => [] };
