import type { CommandArgs, CommandDef, CommandResult, SessionControl } from './command-types';
import { InvalidInput } from './command-types';
import type { DeviceState } from '../device-state';
import { fullPath, parseFilePath, type FilePath } from '../files/file-path';
import { readFile } from '../files/config-files';
import { parseConfig, tooLongForConfig } from '../config-archive/config-tree';
import { diffConfigs, renderContextualDiff, renderIncrementalDiff } from '../config-archive/config-diff';
import { configureReplace } from '../config-archive/configure-replace';

const RUNNING: FilePath = { fs: 'system:', name: 'running-config' };
const STARTUP: FilePath = { fs: 'nvram:', name: 'startup-config' };

type Loaded = { text: string; path: FilePath } | { refused: CommandResult };

/** The configuration file an argument names (`fallback` when it was not given), or IOS's refusal. */
function loadConfig(state: DeviceState, a: CommandArgs, name: string, fallback?: FilePath): Loaded {
  const typed = a.values[name];
  const path = typed === undefined ? fallback : parseFilePath(typed);
  if (!path) return { refused: new InvalidInput(a.offsets[name] ?? 0) };
  const bytes = readFile(state, path);
  if (!bytes) return { refused: [`%Error opening ${fullPath(path)} (No such file or directory)`] };
  const text = bytes.toString('utf8');
  const tooLong = tooLongForConfig(text, fullPath(path));
  return tooLong ? { refused: tooLong } : { text, path };
}

/**
 * `show archive config differences [A [B]]`: B's changes to A (no B: the running-config; no A
 * either: the startup-config's changes to the running-config).
 */
function differences(state: DeviceState, a: CommandArgs): CommandResult {
  const first = loadConfig(state, a, 'a', STARTUP);
  if ('refused' in first) return first.refused;
  const second = loadConfig(state, a, 'b', RUNNING);
  if ('refused' in second) return second.refused;
  return renderContextualDiff(diffConfigs(parseConfig(first.text), parseConfig(second.text)));
}

/** `show archive config incremental-diffs FILE [ignorecase]`: what merging FILE would add. */
function incremental(state: DeviceState, a: CommandArgs, ignoreCase: boolean): CommandResult {
  const file = loadConfig(state, a, 'file');
  if ('refused' in file) return file.refused;
  const running = loadConfig(state, a, 'none', RUNNING);
  if ('refused' in running) return running.refused;
  return renderIncrementalDiff(diffConfigs(parseConfig(running.text), parseConfig(file.text), ignoreCase));
}

function replace(state: DeviceState, session: SessionControl, a: CommandArgs, force: boolean, revertOnError: boolean): CommandResult {
  const file = loadConfig(state, a, 'file');
  if ('refused' in file) return file.refused;
  const run = (): string[] => configureReplace(state, session, file.text, { revertOnError, from: fullPath(file.path) });
  if (force) return run();
  session.ask('Enter Y if you are sure you want to proceed. ? [no]: ', true, (answer) => (/^y/i.test(answer.trim()) ? run() : []));
  return [
    'This will apply all necessary additions and deletions',
    'to replace the current running configuration with the',
    'contents of the specified configuration file, which is',
    'assumed to be a complete configuration, not a partial',
    'configuration.',
  ];
}

/** Configuration replace and the archive's diffs, at the `#` prompt. */
export const archiveCommands: CommandDef[] = [
  { pattern: 'configure replace <word:file>', privilege: 15, run: (s, session, a) => replace(s, session, a, false, false) },
  { pattern: 'configure replace <word:file> force', privilege: 15, run: (s, session, a) => replace(s, session, a, true, false) },
  {
    pattern: 'configure replace <word:file> revert trigger error',
    privilege: 15,
    run: (s, session, a) => replace(s, session, a, false, true),
  },
  {
    pattern: 'configure replace <word:file> force revert trigger error',
    privilege: 15,
    run: (s, session, a) => replace(s, session, a, true, true),
  },
  { pattern: 'show archive config differences', privilege: 15, filterable: true, run: (s, _session, a) => differences(s, a) },
  { pattern: 'show archive config differences <word:a>', privilege: 15, filterable: true, run: (s, _session, a) => differences(s, a) },
  {
    pattern: 'show archive config differences <word:a> <word:b>',
    privilege: 15,
    filterable: true,
    run: (s, _session, a) => differences(s, a),
  },
  {
    pattern: 'show archive config incremental-diffs <word:file>',
    privilege: 15,
    filterable: true,
    run: (s, _session, a) => incremental(s, a, false),
  },
  {
    pattern: 'show archive config incremental-diffs <word:file> ignorecase',
    privilege: 15,
    filterable: true,
    run: (s, _session, a) => incremental(s, a, true),
  },
];
