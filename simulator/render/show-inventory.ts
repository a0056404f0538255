import type { DeviceState } from '../device-state';
import { DEFAULT_MODEL } from './show-version';

function entry(name: string, descr: string, pid: string, vid: string, sn: string): string[] {
  return [`NAME: "${name}", DESCR: "${descr}"`, `PID: ${pid.padEnd(18)}, VID: ${vid.padEnd(4)} , SN: ${sn}`, ''];
}

/** `show inventory` of a virtual router: the chassis, route processor and forwarding processor. */
export function renderShowInventory(state: DeviceState): string[] {
  const model = state.spec.model ?? DEFAULT_MODEL;
  return [
    ...entry('Chassis', `Cisco ${model} Chassis`, model, 'V00', state.serial),
    ...entry('module R0', `Cisco ${model} Route Processor`, model, 'V00', `JAB${state.serial.slice(-8)}`),
    ...entry('module F0', `Cisco ${model} Embedded Services Processor`, model, '', ''),
  ];
}
