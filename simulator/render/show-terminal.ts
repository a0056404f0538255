import { hhmmss } from '../syslog-time';

export interface TerminalInfo {
  /** `vty0` … */
  line: string;
  source: string;
  length: number;
  width: number;
  historySize: number;
  /** Milliseconds since the session started. */
  activeFor: number;
}

/** `show terminal` for the asker's own vty line: its length and width as `terminal` set them. */
export function renderShowTerminal(t: TerminalInfo): string[] {
  const n = Number(t.line.replace(/^vty/, ''));
  return [
    `Line ${n + 1}, Location: "${t.source}", Type: "vt100"`,
    `Length: ${t.length} lines, Width: ${t.width} columns`,
    'Baud rate (TX/RX) is 9600/9600',
    'Status: PSI Enabled, Ready, Active, No Exit Banner, Automore On',
    'Capabilities: none',
    'Modem state: Ready',
    'Group codes:    0',
    'Special Chars: Escape  Hold  Stop  Start  Disconnect  Activation',
    '                ^^x    none   -     -       none         ',
    'Timeouts:      Idle EXEC    Idle Session   Modem Answer  Session   Dispatch',
    '               00:10:00        never                        none     not set',
    'Session limit is not set.',
    `Time since activation: ${hhmmss(t.activeFor)}`,
    'Editing is enabled.',
    `History is enabled, history size is ${t.historySize}.`,
    'DNS resolution in show commands is enabled',
    'Full user help is disabled',
    'Allowed input transports are ssh.',
    'Allowed output transports are telnet ssh.',
    'Preferred transport is none.',
    'No output characters are padded',
    'No special data dispatching characters',
  ];
}
