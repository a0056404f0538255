/**
 * Where a file lives, in IOS's URL form: `bootflash:/name`. `flash:` is IOS-XE's alias for
 * bootflash:, a bare name is taken from bootflash: (the default directory), and the words
 * `running-config` and `startup-config` (or `run`, `start`) stand for `system:running-config` and
 * `nvram:startup-config`, as on IOS.
 */
export type FileSystemName = 'bootflash:' | 'nvram:' | 'system:' | 'null:';

export interface FilePath {
  fs: FileSystemName;
  /** The file's name without a leading `/`; `''` for the file system's root. */
  name: string;
  /** `flash:` when typed so: IOS names a file as it was asked for (`Directory of flash:/x`). */
  alias?: string;
}

const ALIASES: Record<string, FileSystemName> = {
  'bootflash:': 'bootflash:',
  'flash:': 'bootflash:',
  'nvram:': 'nvram:',
  'system:': 'system:',
  'null:': 'null:',
};

/** File names this simulator keeps: one level (no folders), printable, no quotes or slashes. */
const NAME = /^[A-Za-z0-9._+~-]{1,64}$/;

/** Parses `bootflash:/x`, `flash:x`, `nvram:startup-config`, `running-config`, `x`; undefined if no such place. */
export function parseFilePath(text: string): FilePath | undefined {
  const lower = text.toLowerCase();
  // The keywords abbreviate, as anywhere in IOS (`copy run start`).
  if (lower.length >= 3 && 'running-config'.startsWith(lower)) return { fs: 'system:', name: 'running-config' };
  if (lower.length >= 3 && 'startup-config'.startsWith(lower)) return { fs: 'nvram:', name: 'startup-config' };
  const colon = text.indexOf(':');
  const fs = colon < 0 ? 'bootflash:' : ALIASES[lower.slice(0, colon + 1)];
  if (!fs) return undefined;
  const name = text.slice(colon + 1).replace(/^\/+/, '');
  if (name !== '' && !NAME.test(name)) return undefined;
  const typed = lower.slice(0, colon + 1);
  return colon > 0 && typed !== fs ? { fs, name, alias: typed } : { fs, name };
}

/** `bootflash:/name`, as IOS spells a full path in its messages. */
export function fullPath(path: FilePath): string {
  return `${path.alias ?? path.fs}/${path.name}`;
}
