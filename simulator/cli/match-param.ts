import type { CommandNode } from './command-tree';
import type { Token } from './tokenize';
import { matchInterfaceType, normalizeInterfaceName } from '../../common/ios/ios-names';
import { isIpv4, maskToPrefix } from '../ipv4';

export type ParamMatch = { kind: 'ok'; value: string; consumed: number } | { kind: 'no' } | { kind: 'incomplete' };

const NUMBER_PATH = /^\d[\d/.]*$/;

/** Interfaces come as one word (`gi1`, `GigabitEthernet1`) or two (`gi 1`). */
function matchInterface(tokens: readonly Token[], i: number): ParamMatch {
  const token = tokens[i] as Token;
  const whole = normalizeInterfaceName(token.text);
  if (whole) return { kind: 'ok', value: whole, consumed: 1 };
  if (!/^[A-Za-z-]+$/.test(token.text) || !matchInterfaceType(token.text)) return { kind: 'no' };
  const next = tokens[i + 1];
  if (!next) return { kind: 'incomplete' };
  if (!NUMBER_PATH.test(next.text)) return { kind: 'no' };
  const joined = normalizeInterfaceName(token.text + next.text);
  return joined ? { kind: 'ok', value: joined, consumed: 2 } : { kind: 'no' };
}

/** Tries one parameter node against the words from `i` on. */
export function matchParam(param: NonNullable<CommandNode['param']>, tokens: readonly Token[], i: number, line: string): ParamMatch {
  const token = tokens[i] as Token;
  switch (param.kind) {
    case 'line':
    case 'secret':
      return { kind: 'ok', value: line.slice(token.start).trimEnd(), consumed: tokens.length - i };
    case 'word':
      return { kind: 'ok', value: token.text, consumed: 1 };
    case 'number': {
      const n = Number(token.text);
      const ok = /^\d{1,9}$/.test(token.text) && n >= param.min && n <= param.max;
      return ok ? { kind: 'ok', value: String(n), consumed: 1 } : { kind: 'no' };
    }
    case 'ipv4':
      return isIpv4(token.text) ? { kind: 'ok', value: token.text, consumed: 1 } : { kind: 'no' };
    case 'mask':
      return maskToPrefix(token.text) !== undefined ? { kind: 'ok', value: token.text, consumed: 1 } : { kind: 'no' };
    case 'interface':
      return matchInterface(tokens, i);
  }
}
