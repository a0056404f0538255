import type { DeviceState } from '../device-state';
import type { SessionControl } from '../cli/command-types';
import { runningConfigText } from '../files/config-files';
import { ConfigApplier } from './apply-config';
import { parseConfig, type ConfigNode } from './config-tree';
import { diffConfigs, renderIncrementalDiff, type ConfigChange } from './config-diff';

/** IOS gives up after five passes that do not reach the file's configuration. */
const MAX_PASSES = 5;

export interface ReplaceOptions {
  /** `revert trigger error`: the first command that fails puts the old configuration back. */
  revertOnError: boolean;
  /** The file, for CONFIG_I (`Configured from bootflash:/x`). */
  from: string;
}

const changeKey = (c: ConfigChange): string => [...c.context, c.node.text].join('\n');

/**
 * Undoes a line with its `no` form; when that form takes fewer words (`no ip address`,
 * `no username NAME`, `no banner motd`), shorter ones are tried, as IOS's rollback writes them.
 */
function negate(applier: ConfigApplier, change: ConfigChange): boolean {
  if (change.context.length > 1) return false;
  const words = change.node.text.split(/\s+/);
  for (let n = words.length; n >= 1; n -= 1) {
    if (applier.attempt(`no ${words.slice(0, n).join(' ')}`, change.context[0])) return true;
  }
  return false;
}

function backupName(state: DeviceState): string {
  const d = new Date(state.now());
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const time = d.toISOString().slice(11, 23).replace(/:/g, '-');
  return `bootflash:${state.hostname}-cfg${month}--${d.getUTCDate()}-${time}-UTC-0`;
}

/** IOS's answer when five passes did not reach the file's configuration (napalm issue #135 shows it). */
function failedReport(lastPass: ConfigChange[], failed: ConfigChange[]): string[] {
  return [
    'The rollback configlet from the last pass is listed below:',
    '********',
    ...renderIncrementalDiff({ added: lastPass, removed: [] }).map((l) => (l === '!List of Commands:' ? '!List of Rollback Commands:' : l)),
    '********',
    '',
    '',
    `Rollback aborted after ${MAX_PASSES} passes`,
    'The following commands are failed to apply to the IOS image.',
    '********',
    ...failed.map((c) => c.node.text),
    '********',
    '',
  ];
}

/**
 * `configure replace FILE force`: the running configuration becomes the file's, by applying the
 * difference — the `no` form of each line the file lacks, then each line it adds — pass after
 * pass until nothing is left to change. Lines this simulator shows but does not model (`version`,
 * `line vty 0 4` …) cannot be removed and stay as they are; a line it refuses is a failure.
 */
export function configureReplace(state: DeviceState, session: SessionControl, fileText: string, options: ReplaceOptions): string[] {
  const original = runningConfigText(state);
  const target: ConfigNode[] = parseConfig(fileText);
  const applier = new ConfigApplier(state, session);
  const unremovable = new Set<string>();
  let failed: ConfigChange[] = [];
  let lastPass: ConfigChange[] = [];
  let lastPending: string | undefined;
  let passes = 0;
  for (;;) {
    const diff = diffConfigs(parseConfig(runningConfigText(state)), target);
    // A `no …` line is a default the file's own lines replace: nothing to undo.
    const removals = diff.removed.filter((c) => !c.node.text.startsWith('no ') && !unremovable.has(changeKey(c)));
    if (diff.added.length === 0 && removals.length === 0) break;
    // IOS tries five passes. When one changed nothing, the rest would change nothing either:
    // they are not run, and the answer is the one IOS gives after all five.
    const pending = [...diff.added, ...removals].map(changeKey).join('\0');
    if (passes === MAX_PASSES || pending === lastPending) {
      if (applier.applied > 0) applier.finish(options.from);
      return failedReport(lastPass, failed);
    }
    passes += 1;
    lastPending = pending;
    for (const change of removals) if (!negate(applier, change)) unremovable.add(changeKey(change));
    lastPass = diff.added;
    failed = diff.added.filter((change) => !applier.add(change));
    if (failed.length > 0 && options.revertOnError) {
      const restored = configureReplace(state, session, original, { revertOnError: false, from: backupName(state) });
      return [
        `Failed to apply command ${failed[0]?.node.text ?? ''}`,
        'Aborting Rollback.',
        '',
        `Rollback failed.Reverting back to the original configuration: ${backupName(state)} ...`,
        '',
        ...restored,
        'The original configuration has been successfully restored.',
      ];
    }
  }
  if (applier.applied > 0) applier.finish(options.from);
  return [`Total number of passes: ${passes}`, 'Rollback Done', ''];
}
