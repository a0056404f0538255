import { buildCommandTree, type CommandNode } from './command-tree';
import type { CliMode } from './command-types';
import { execCommands } from './exec-commands';
import { configCommands, interfaceCommands } from './config-commands';

/** One tree per mode, built once: `>` sees only privilege-1 commands. */
const TREES: Record<CliMode, CommandNode> = {
  user: buildCommandTree(execCommands.filter((c) => c.privilege === 1)),
  exec: buildCommandTree(execCommands),
  config: buildCommandTree(configCommands),
  'config-if': buildCommandTree(interfaceCommands),
};

/** The commands valid in a mode. */
export function commandTree(mode: CliMode): CommandNode {
  return TREES[mode];
}
