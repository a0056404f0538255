import crypto from 'node:crypto';
import type { CommandArgs, CommandDef, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import { fullPath, parseFilePath, type FilePath } from '../files/file-path';
import { isWritable, readFile, runningConfigText, storeFile } from '../files/config-files';
import { renderDir, renderDirPath } from '../render/dir';
import { runningConfigBody } from '../render/show-running-config';
import { ConfigApplier } from '../config-archive/apply-config';
import { parseConfig, tooLongForConfig } from '../config-archive/config-tree';
import { diffConfigs } from '../config-archive/config-diff';

const notFound = (verb: string, path: FilePath): string[] => [`%Error ${verb} ${fullPath(path)} (No such file or directory)`];

/** A path argument, or the caret under it when it names no file system the device has. */
function pathArg(a: CommandArgs, name: string): FilePath | InvalidInput {
  return parseFilePath(a.values[name] ?? '') ?? new InvalidInput(a.offsets[name] ?? 0);
}

/** `N bytes copied in S secs (R bytes/sec)`; the simulator's flash writes at about 250 kB/s. */
function copiedLine(bytes: number): string {
  const secs = Math.max(0.001, bytes / 250_000);
  return `${bytes} bytes copied in ${secs.toFixed(3)} secs (${Math.floor(bytes / secs)} bytes/sec)`;
}

/** An empty answer or `y` confirms, as at IOS's `[confirm]`. */
const confirmed = (answer: string): boolean => answer.trim() === '' || /^y/i.test(answer.trim());

/** `write memory` / `copy running-config startup-config`. */
export function saveConfig(state: DeviceState): string[] {
  state.startupConfig = runningConfigBody(state).join('\n');
  return ['Building configuration...', '[OK]'];
}

/**
 * Merges a file into the running configuration, as `copy FILE running-config` does: each line as
 * if typed. A line the running-config already has (in the same mode) changes nothing on IOS, so
 * it is not run — which also spares `copy startup-config running-config` the lines this router
 * shows but does not model (`version`, `line vty 0 4` …).
 */
function mergeInto(state: DeviceState, session: SessionControl, from: FilePath, bytes: Buffer): string[] {
  const text = bytes.toString('utf8');
  const refused = tooLongForConfig(text, fullPath(from));
  if (refused) return refused;
  const applier = new ConfigApplier(state, session);
  const { added } = diffConfigs(parseConfig(runningConfigText(state)), parseConfig(text));
  for (const change of added) applier.add(change);
  applier.finish(fullPath(from));
  return [...applier.errorLines(), copiedLine(bytes.length)];
}

function writeCopy(state: DeviceState, session: SessionControl, from: FilePath, to: FilePath, bytes: Buffer): string[] {
  if (from.fs === 'system:' && to.fs === 'nvram:' && to.name === 'startup-config') return saveConfig(state);
  if (to.fs === 'system:') return mergeInto(state, session, from, bytes);
  if (!isWritable(to)) return [`%Error opening ${fullPath(to)} (Permission denied)`];
  if (!storeFile(state, to, bytes)) return [`%Error copying ${fullPath(to)} (No space left on device)`];
  return [copiedLine(bytes.length)];
}

/** Asks before replacing an existing bootflash: file, unless `file prompt quiet`. */
function overwriteThenCopy(state: DeviceState, session: SessionControl, from: FilePath, to: FilePath, bytes: Buffer): CommandResult {
  const exists = to.fs === 'bootflash:' && state.files.get(to.name) !== undefined;
  if (!exists || state.settings.filePromptQuiet) return writeCopy(state, session, from, to, bytes);
  session.ask('Do you want to over write? [confirm]', true, (answer) =>
    confirmed(answer) ? writeCopy(state, session, from, to, bytes) : [],
  );
  return ['%Warning:There is a file already existing with this name'];
}

/** `copy FROM TO`: IOS asks for the destination name (Enter keeps it) unless `file prompt quiet`. */
function copy(state: DeviceState, session: SessionControl, a: CommandArgs): CommandResult {
  const from = pathArg(a, 'from');
  if (from instanceof InvalidInput) return from;
  const to = pathArg(a, 'to');
  if (to instanceof InvalidInput) return to;
  const bytes = readFile(state, from);
  if (!bytes) return notFound('opening', from);
  // Copying to a directory keeps the source's name.
  const target: FilePath = to.name === '' && to.fs === 'bootflash:' ? { ...to, name: from.name } : to;
  if (state.settings.filePromptQuiet) return overwriteThenCopy(state, session, from, target, bytes);
  session.ask(`Destination filename [${target.name}]? `, true, (answer) => {
    const name = answer.trim();
    const chosen = name === '' ? target : parseFilePath(`${target.alias ?? target.fs}${name}`);
    if (!chosen) return [`%Error parsing filename (Invalid argument)`];
    return overwriteThenCopy(state, session, from, chosen, bytes);
  });
}

function deleteFile(state: DeviceState, path: FilePath): string[] {
  if (path.fs !== 'bootflash:' || path.name === '') return [`%Error deleting ${fullPath(path)} (Permission denied)`];
  if (!state.files.remove(path.name)) return notFound('deleting', path);
  return [];
}

/** `delete [/force] PATH`: asks for the name and a confirmation unless /force or `file prompt quiet`. */
function remove(state: DeviceState, session: SessionControl, a: CommandArgs, force: boolean): CommandResult {
  const path = pathArg(a, 'path');
  if (path instanceof InvalidInput) return path;
  if (force || state.settings.filePromptQuiet) return deleteFile(state, path);
  session.ask(`Delete filename [${path.name}]? `, true, (answer) => {
    const chosen = answer.trim() === '' ? path : parseFilePath(`${path.alias ?? path.fs}${answer.trim()}`);
    if (!chosen) return [`%Error parsing filename (Invalid argument)`];
    if (chosen.fs === 'bootflash:' && !state.files.get(chosen.name)) return notFound('deleting', chosen);
    session.ask(`Delete ${fullPath(chosen)}? [confirm]`, true, (yes) => (confirmed(yes) ? deleteFile(state, chosen) : []));
  });
}

/** `verify /md5 PATH`: the line Netmiko's `process_md5` reads the hash from (`= HASH`). */
function verifyMd5(state: DeviceState, a: CommandArgs): CommandResult {
  const path = pathArg(a, 'path');
  if (path instanceof InvalidInput) return path;
  const bytes = readFile(state, path);
  if (!bytes || path.fs === 'null:') return notFound('opening', path);
  const md5 = crypto.createHash('md5').update(bytes).digest('hex');
  return [`.MD5 of ${fullPath(path)} Done!`, `verify /md5 (${fullPath(path)}) = ${md5}`, ''];
}

/** The file-system commands at the `#` prompt. */
export const fileExecCommands: CommandDef[] = [
  { pattern: 'dir', privilege: 15, filterable: true, run: (s) => renderDir(s) },
  {
    pattern: 'dir <word:path>',
    privilege: 15,
    filterable: true,
    run: (s, _session, a) => {
      const path = pathArg(a, 'path');
      if (path instanceof InvalidInput) return path;
      return renderDirPath(s, path) ?? notFound('opening', path);
    },
  },
  {
    pattern: 'more <word:path>',
    privilege: 15,
    filterable: true,
    run: (s, _session, a) => {
      const path = pathArg(a, 'path');
      if (path instanceof InvalidInput) return path;
      const bytes = readFile(s, path);
      return bytes ? bytes.toString('utf8').replace(/\n$/, '').split('\n') : notFound('opening', path);
    },
  },
  { pattern: 'copy <word:from> <word:to>', privilege: 15, run: (s, session, a) => copy(s, session, a) },
  { pattern: 'delete <word:path>', privilege: 15, run: (s, session, a) => remove(s, session, a, false) },
  { pattern: 'delete /force <word:path>', privilege: 15, run: (s, session, a) => remove(s, session, a, true) },
  { pattern: 'verify /md5 <word:path>', privilege: 15, run: (s, _session, a) => verifyMd5(s, a) },
];

const setQuiet = (quiet: boolean) => (s: DeviceState, session: SessionControl) =>
  s.configure(session.user, (c) => void (c.filePromptQuiet = quiet));
const setScp = (on: boolean) => (s: DeviceState, session: SessionControl) => s.configure(session.user, (c) => void (c.scpServer = on));

/** `file prompt [alert|noisy|quiet]` and `ip scp server enable`, in global configuration. */
export const fileConfigCommands: CommandDef[] = [
  { pattern: 'file prompt quiet', privilege: 15, run: setQuiet(true) },
  { pattern: 'file prompt alert', privilege: 15, run: setQuiet(false) },
  { pattern: 'file prompt noisy', privilege: 15, run: setQuiet(false) },
  { pattern: 'file prompt', privilege: 15, run: setQuiet(false) },
  { pattern: 'no file prompt quiet', privilege: 15, run: setQuiet(false) },
  { pattern: 'no file prompt', privilege: 15, run: setQuiet(false) },
  { pattern: 'ip scp server enable', privilege: 15, run: setScp(true) },
  { pattern: 'no ip scp server enable', privilege: 15, run: setScp(false) },
];
