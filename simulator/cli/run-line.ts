import { commandTree } from './command-table';
import { parseCommand, type ParseResult } from './parse-command';
import { tokenize } from './tokenize';
import { applyFilter } from './output-filter';
import { redactCommand } from './redact-command';
import { InvalidInput, type CliMode, type SessionControl } from './command-types';
import type { DeviceState } from '../device-state';

/** What one line did, for the command log and stats. */
export type LineOutcome = 'ok' | 'invalid' | 'incomplete' | 'ambiguous' | 'empty';

export interface LineResult {
  lines: string[];
  outcome: LineOutcome;
}

function caret(column: number): string[] {
  return [`${' '.repeat(column)}^`, "% Invalid input detected at '^' marker.", ''];
}

/**
 * Global configuration commands also work from `config-if`, and move the session back to
 * `(config)` — as on IOS, where typing `hostname R2` under an interface leaves the interface.
 */
function resolve(mode: CliMode, line: string): { parsed: ParseResult; mode: CliMode } {
  const parsed = parseCommand(commandTree(mode), line);
  if (mode !== 'config-if' || parsed.kind === 'ok' || parsed.kind === 'empty') return { parsed, mode };
  const global = parseCommand(commandTree('config'), line);
  return global.kind === 'ok' ? { parsed: global, mode: 'config' } : { parsed, mode };
}

/** A line typed in `mode` as the device may log it, read before it runs: no secret in it (redact-command.ts). */
export function loggedLine(mode: CliMode, line: string): string {
  return redactCommand(line, resolve(mode, line).parsed);
}

/**
 * Runs one typed line in `mode`. `column` is where the line started on the screen (the prompt's
 * length, plus the `do ` offset), so the caret lands under the bad character.
 */
export function runLine(state: DeviceState, session: SessionControl, mode: CliMode, line: string, column: number): LineResult {
  const { parsed, mode: runMode } = resolve(mode, line);
  switch (parsed.kind) {
    case 'empty':
      return { lines: [], outcome: 'empty' };
    case 'incomplete':
      return { lines: ['% Incomplete command.', ''], outcome: 'incomplete' };
    case 'ambiguous':
      return { lines: [`% Ambiguous command:  "${parsed.text}"`], outcome: 'ambiguous' };
    case 'invalid': {
      // At an exec prompt, one unknown word is taken as a host name to connect to.
      const tokens = tokenize(line);
      if ((mode === 'user' || mode === 'exec') && tokens.length === 1 && session.mode === mode) {
        const word = tokens[0]?.text ?? '';
        return {
          lines: [`Translating "${word}"`, '% Unknown command or computer name, or unable to find computer address'],
          outcome: 'invalid',
        };
      }
      return { lines: caret(column + parsed.offset), outcome: 'invalid' };
    }
    case 'ok': {
      if (runMode !== mode) session.setMode(runMode);
      const result = parsed.command.run(state, session, parsed.args);
      if (result instanceof InvalidInput) return { lines: caret(column + result.offset), outcome: 'invalid' };
      const lines = result ?? [];
      return { lines: parsed.filter ? applyFilter(lines, parsed.filter) : lines, outcome: 'ok' };
    }
  }
}
