import type { DeviceState } from '../device-state';
import { DEFAULT_MODEL, DEFAULT_VERSION } from './show-version';
import { fullPath, type FilePath } from '../files/file-path';
import { runningConfigText, startupConfigText } from '../files/config-files';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `show version` reports 11526144K bytes of virtual hard disk at bootflash:. */
export const BOOTFLASH_BYTES = 11_526_144 * 1024;
/** `show version`: 32768K bytes of non-volatile configuration memory. */
export const NVRAM_BYTES = 33_554_432;
/** What the system's logs and crash files take besides the listed packages. */
const SYSTEM_USE = 1_024_000_000;

/** `Mar 4 2024 10:15:02 +00:00`, as `dir` stamps a file. */
function fileTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +00:00`;
}

interface DirEntry {
  id: number;
  perm: string;
  size: number;
  /** Milliseconds, or undefined for NVRAM's `<no date>`. */
  time: number | undefined;
  name: string;
}

/** What an install-mode router keeps on bootflash: its packages, and folders the system writes. */
function systemFiles(state: DeviceState): DirEntry[] {
  const model = (state.spec.model ?? DEFAULT_MODEL).toLowerCase();
  const version = state.spec.version ?? DEFAULT_VERSION;
  const at = state.bootedAt;
  return [
    { id: 11, perm: 'drwx', size: 16384, time: at, name: 'lost+found' },
    { id: 131073, perm: 'drwx', size: 4096, time: at, name: 'core' },
    { id: 131075, perm: 'drwx', size: 24576, time: at, name: 'tracelogs' },
    { id: 131078, perm: 'drwx', size: 4096, time: at, name: '.installer' },
    { id: 17, perm: '-rw-', size: 7468, time: at, name: 'packages.conf' },
    { id: 18, perm: '-rw-', size: 63_201_288, time: at, name: `${model}-rpboot.${version}.SPA.pkg` },
    { id: 19, perm: '-rw-', size: 796_189_700, time: at, name: `${model}-mono-universalk9.${version}.SPA.pkg` },
  ];
}

function bootflashEntries(state: DeviceState): DirEntry[] {
  const user = state.files.list().map((f) => ({ id: f.id, perm: '-rw-', size: f.bytes.length, time: f.modifiedAt, name: f.name }));
  return [...systemFiles(state), ...user];
}

/** NVRAM holds the saved configuration (and the private part IOS keeps beside it). */
function nvramEntries(state: DeviceState): DirEntry[] {
  return [
    { id: 32762, perm: '-rw-', size: Buffer.byteLength(startupConfigText(state)), time: undefined, name: 'startup-config' },
    { id: 32763, perm: '----', size: 51, time: undefined, name: 'private-config' },
  ];
}

/**
 * Free space as the simulator will honour it: the disk's own free space, but no more than is
 * left of what the simulator keeps per device, so a tool that checks `dir` first is told the truth.
 */
function bootflashTotals(state: DeviceState): string {
  const used = systemFiles(state).reduce((sum, f) => sum + f.size, 0) + SYSTEM_USE + state.files.usedBytes();
  const free = Math.min(BOOTFLASH_BYTES - used, state.files.freeBytes());
  return `${BOOTFLASH_BYTES} bytes total (${free} bytes free)`;
}

function nvramTotals(state: DeviceState): string {
  const used = nvramEntries(state).reduce((sum, f) => sum + f.size, 0);
  return `${NVRAM_BYTES} bytes total (${NVRAM_BYTES - used} bytes free)`;
}

/** Id left-aligned in 8, size right-aligned in 17, two spaces around the date. */
function entryLine(f: DirEntry): string {
  const time = f.time === undefined ? '<no date>'.padStart(26) : fileTime(f.time);
  return `${String(f.id).padEnd(8)}${f.perm}${String(f.size).padStart(17)}  ${time}  ${f.name}`;
}

/**
 * `dir [fs:][name]`: a directory, or one file (`Directory of bootflash:/x`, which NAPALM and
 * Netmiko look for), then the size and free space; undefined when there is no such file.
 */
export function renderDirPath(state: DeviceState, path: FilePath): string[] | undefined {
  if (path.fs === 'null:') return undefined;
  if (path.fs === 'system:') {
    const size = Buffer.byteLength(runningConfigText(state));
    const entry: DirEntry = { id: 1, perm: '-rw-', size, time: undefined, name: 'running-config' };
    if (path.name !== '' && path.name !== 'running-config') return undefined;
    return [`Directory of ${fullPath(path)}`, '', entryLine(entry), '', 'No space information available'];
  }
  const entries = path.fs === 'nvram:' ? nvramEntries(state) : bootflashEntries(state);
  const shown = path.name === '' ? entries : entries.filter((f) => f.name === path.name);
  if (shown.length === 0) return undefined;
  const totals = path.fs === 'nvram:' ? nvramTotals(state) : bootflashTotals(state);
  return [`Directory of ${fullPath(path)}`, '', ...shown.map(entryLine), '', '', totals];
}

/** `dir` / `dir bootflash:`: the files, then the size and free space Ansible's ios_facts reads. */
export function renderDir(state: DeviceState): string[] {
  return renderDirPath(state, { fs: 'bootflash:', name: '' }) ?? [];
}
