import type { CommandDef } from './command-types';
import { renderShowInventory } from '../render/show-inventory';
import { renderShowUsers } from '../render/show-users';
import { renderShowMemoryStatistics } from '../render/show-memory-statistics';
import { renderShowProcessesCpu } from '../render/show-processes-cpu';
import { renderShowBoot } from '../render/show-boot';
import { renderShowTerminal } from '../render/show-terminal';
import { renderRunningConfig } from '../render/show-running-config';
import { HISTORY_SIZE } from './line-input';

/** The device itself and this session: privilege, hardware, users, memory, CPU, boot, terminal. */
export const showSystemCommands: CommandDef[] = [
  { pattern: 'show privilege', privilege: 1, filterable: true, run: (_s, session) => [`Current privilege level is ${session.privilege}`] },
  { pattern: 'show inventory', privilege: 1, filterable: true, run: (s) => renderShowInventory(s) },
  { pattern: 'show users', privilege: 1, filterable: true, run: (s, session) => renderShowUsers(s, session.line) },
  {
    pattern: 'show memory statistics',
    privilege: 1,
    filterable: true,
    run: (s) => renderShowMemoryStatistics(s, renderRunningConfig(s).length),
  },
  { pattern: 'show processes cpu', privilege: 1, filterable: true, run: (s) => renderShowProcessesCpu(s, false) },
  { pattern: 'show processes cpu sorted', privilege: 1, filterable: true, run: (s) => renderShowProcessesCpu(s, true) },
  { pattern: 'show boot', privilege: 1, filterable: true, run: () => renderShowBoot() },
  { pattern: 'show bootvar', privilege: 1, filterable: true, run: () => renderShowBoot() },
  // No `archive` section in the configuration: IOS answers exactly this.
  { pattern: 'show archive', privilege: 15, filterable: true, run: () => [' Archive feature not enabled'] },
  { pattern: 'show history', privilege: 1, filterable: true, run: (_s, session) => session.history().map((l) => `  ${l}`) },
  {
    pattern: 'show terminal',
    privilege: 1,
    filterable: true,
    run: (s, session) =>
      renderShowTerminal({
        line: session.line,
        source: session.source,
        length: session.terminal.length,
        width: session.terminal.width,
        historySize: HISTORY_SIZE,
        activeFor: s.now() - session.startedAt,
      }),
  },
];
