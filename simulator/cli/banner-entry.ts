import type { CommandResult, SessionControl } from './command-types';
import type { DeviceState } from '../device-state';

/** Longest banner kept: IOS allows a few kilobytes; a paste without the delimiter must not grow forever. */
const MAX_BANNER = 4000;

function save(state: DeviceState, session: SessionControl, text: string): void {
  state.configure(session.user, (s) => (s.bannerMotd = text));
}

/**
 * `banner motd DTEXTD`. The first character after `motd` is the delimiter (`^C` typed as two
 * characters counts as one delimiter, as IOS shows it). When the text does not close on the
 * same line, IOS asks for more lines — without a prompt — until one holds the delimiter.
 */
export function askBanner(state: DeviceState, session: SessionControl, typed: string): CommandResult {
  const delimiter = typed.startsWith('^C') ? '^C' : typed.charAt(0);
  const rest = typed.slice(delimiter.length);
  const end = rest.indexOf(delimiter);
  if (end >= 0) {
    save(state, session, rest.slice(0, end));
    return;
  }
  let text = rest === '' ? '\n' : `${rest}\n`;
  const more = (line: string): CommandResult => {
    const close = line.indexOf(delimiter);
    if (close >= 0) {
      save(state, session, text + line.slice(0, close));
      return;
    }
    text = `${text}${line}\n`.slice(0, MAX_BANNER);
    session.ask('', true, more);
  };
  session.ask('', true, more);
  return [`Enter TEXT message.  End with the character '${delimiter}'.`];
}
