import type { DeviceState } from '../device-state';
import { isOperUp } from '../device-interface';
import { shortInterfaceName } from '../cli/interface-name';

/** `show interfaces description`: short names, `admin down` for a shut interface, columns 31/15/9. */
export function renderShowInterfacesDescription(state: DeviceState): string[] {
  return [
    'Interface                      Status         Protocol Description',
    ...state.interfaces().map((i) => {
      const status = i.shutdown ? 'admin down' : i.linkUp ? 'up' : 'down';
      return `${shortInterfaceName(i.name).padEnd(31)}${status.padEnd(15)}${(isOperUp(i) ? 'up' : 'down').padEnd(9)}${i.description ?? ''}`;
    }),
  ];
}
