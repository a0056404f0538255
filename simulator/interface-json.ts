import { isOperUp, statusText, type InterfaceState } from './device-interface';

/** An interface as the control port and its live feed show it. */
export interface InterfaceJson {
  name: string;
  ip: string | null;
  description: string | null;
  status: string;
  protocol: string;
  shutdown: boolean;
}

export function interfaceJson(i: InterfaceState): InterfaceJson {
  return {
    name: i.name,
    ip: i.ip ? `${i.ip.address}/${i.ip.prefix}` : null,
    description: i.description ?? null,
    status: statusText(i),
    protocol: isOperUp(i) ? 'up' : 'down',
    shutdown: i.shutdown,
  };
}
