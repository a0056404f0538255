import { safeEqual } from '../../common/signatures/webhook-signatures';
import type { CommandDef, CommandResult, SessionControl } from './command-types';
import type { DeviceState } from '../device-state';
import { pingCommands } from './ping-commands';
import { fileExecCommands, saveConfig } from './file-commands';
import { archiveCommands } from './archive-commands';
import { showCommands } from './show-commands';

/** IOS allows three tries at the enable secret, then says `% Bad secrets`. */
function askEnableSecret(state: DeviceState, session: SessionControl, triesLeft: number): void {
  session.ask('Password: ', false, (answer): CommandResult => {
    if (answer !== '' && safeEqual(answer, state.spec.enableSecret)) {
      session.setMode('exec');
      return;
    }
    session.securityEvent('bad enable secret');
    if (triesLeft > 1) return askEnableSecret(state, session, triesLeft - 1);
    return ['% Bad secrets', ''];
  });
}

/** Real exec words the simulator does not implement; they keep abbreviations as ambiguous as on IOS. */
const STUBS: Array<[string, 1 | 15]> = [
  ['clear', 15],
  ['clock', 15],
  ['connect', 1],
  ['debug', 15],
  ['disconnect', 1],
  ['reload', 15],
  ['send', 15],
  ['setup', 15],
  ['ssh', 1],
  ['telnet', 1],
];

/** Commands at the `>` and `#` prompts. */
export const execCommands: CommandDef[] = [
  ...showCommands,
  { pattern: 'enable', privilege: 1, run: (s, session) => (session.mode === 'user' ? askEnableSecret(s, session, 3) : undefined) },
  { pattern: 'disable', privilege: 15, run: (_s, session) => session.setMode('user') },
  { pattern: 'exit', privilege: 1, run: (_s, session) => session.close() },
  { pattern: 'logout', privilege: 1, run: (_s, session) => session.close() },
  { pattern: 'quit', privilege: 1, run: (_s, session) => session.close() },
  { pattern: 'terminal length <0-512:n>', privilege: 1, run: (_s, session, a) => session.setTerminal({ length: Number(a.values.n) }) },
  { pattern: 'terminal width <0-512:n>', privilege: 1, run: (_s, session, a) => session.setTerminal({ width: Number(a.values.n) }) },
  { pattern: 'terminal monitor', privilege: 1, run: (_s, session) => session.setTerminal({ monitor: true }) },
  { pattern: 'terminal no monitor', privilege: 1, run: (_s, session) => session.setTerminal({ monitor: false }) },
  {
    pattern: 'configure terminal',
    privilege: 15,
    run: (_s, session) => {
      session.setMode('config');
      return ['Enter configuration commands, one per line.  End with CNTL/Z.'];
    },
  },
  { pattern: 'write memory', privilege: 15, run: (s) => saveConfig(s) },
  { pattern: 'write', privilege: 15, run: (s) => saveConfig(s) },
  ...pingCommands,
  ...fileExecCommands,
  ...archiveCommands,
  ...STUBS.map(([word, privilege]): CommandDef => ({ pattern: word, privilege, run: () => ['% Incomplete command.', ''] })),
];
