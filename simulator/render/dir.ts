import type { DeviceState } from '../device-state';
import { DEFAULT_MODEL, DEFAULT_VERSION } from './show-version';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `show version` reports 11526144K bytes of virtual hard disk at bootflash:. */
export const BOOTFLASH_BYTES = 11_526_144 * 1024;

/** `Mar 4 2024 10:15:02 +00:00`, as `dir` stamps a file. */
function fileTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
}

/** What an install-mode router keeps on bootflash: its packages, and folders the system writes. */
function files(state: DeviceState): Array<{ id: number; perm: string; size: number; name: string }> {
  const model = (state.spec.model ?? DEFAULT_MODEL).toLowerCase();
  const version = state.spec.version ?? DEFAULT_VERSION;
  return [
    { id: 11, perm: 'drwx', size: 16384, name: 'lost+found' },
    { id: 131073, perm: 'drwx', size: 4096, name: 'core' },
    { id: 131075, perm: 'drwx', size: 24576, name: 'tracelogs' },
    { id: 131078, perm: 'drwx', size: 4096, name: '.installer' },
    { id: 17, perm: '-rw-', size: 7468, name: 'packages.conf' },
    { id: 18, perm: '-rw-', size: 63_201_288, name: `${model}-rpboot.${version}.SPA.pkg` },
    { id: 19, perm: '-rw-', size: 796_189_700, name: `${model}-mono-universalk9.${version}.SPA.pkg` },
  ];
}

/** `dir` / `dir bootflash:`: the files, then the size and free space Ansible's ios_facts reads. */
export function renderDir(state: DeviceState): string[] {
  const list = files(state);
  const used = list.reduce((sum, f) => sum + f.size, 0) + 1_024_000_000;
  return [
    'Directory of bootflash:/',
    '',
    ...list.map((f) => `${String(f.id).padEnd(8)}${f.perm}${String(f.size).padStart(17)}  ${fileTime(state.bootedAt)}  ${f.name}`),
    '',
    '',
    `${BOOTFLASH_BYTES} bytes total (${BOOTFLASH_BYTES - used} bytes free)`,
  ];
}
