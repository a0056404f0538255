import type { DeviceState } from '../device-state';
import { runningConfigBody } from '../render/show-running-config';
import type { FilePath } from './file-path';

/** `system:running-config` as a file: the configuration from `!` to `end`, one line each. */
export function runningConfigText(state: DeviceState): string {
  return `${runningConfigBody(state).join('\n')}\n`;
}

/** `nvram:startup-config`: what was last saved, or what the device booted with. */
export function startupConfigText(state: DeviceState): string {
  return `${state.startupConfig ?? runningConfigBody(state).join('\n')}\n`;
}

/** A file's bytes, from whichever file system holds it; undefined when there is no such file. */
export function readFile(state: DeviceState, path: FilePath): Buffer | undefined {
  switch (path.fs) {
    case 'system:':
      return path.name === 'running-config' ? Buffer.from(runningConfigText(state)) : undefined;
    case 'nvram:':
      return path.name === 'startup-config' ? Buffer.from(startupConfigText(state)) : undefined;
    case 'null:':
      return Buffer.alloc(0);
    case 'bootflash:':
      return state.files.get(path.name)?.bytes;
  }
}

/** Whether a path names something `copy` can write (running-config is applied, not written). */
export function isWritable(path: FilePath): boolean {
  if (path.fs === 'nvram:') return path.name === 'startup-config';
  if (path.fs === 'system:') return path.name === 'running-config';
  return path.fs === 'null:' || path.name !== '';
}

/** Stores bytes in NVRAM's startup-config or a bootflash: file; false when bootflash: is full. */
export function storeFile(state: DeviceState, path: FilePath, bytes: Buffer): boolean {
  if (path.fs === 'null:') return true;
  if (path.fs === 'nvram:') {
    state.startupConfig = bytes.toString('utf8').replace(/\n$/, '');
    return true;
  }
  return state.files.write(path.name, bytes, state.now()) === 'ok';
}
