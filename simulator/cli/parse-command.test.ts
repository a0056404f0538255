import { buildCommandTree } from './command-tree';
import { parseCommand } from './parse-command';
import { commandTree } from './command-table';
import type { CommandDef } from './command-types';

const noop = (): void => undefined;
const def = (pattern: string, filterable = false): CommandDef => ({ pattern, privilege: 15, filterable, run: noop });

describe('parseCommand', () => {
  const exec = commandTree('exec');
  const patternOf = (line: string): string | undefined => {
    const r = parseCommand(exec, line);
    return r.kind === 'ok' ? r.command.pattern : r.kind;
  };

  it.each([
    ['sh ip int br', 'show ip interface brief'],
    ['SHOW IP INTERFACE BRIEF', 'show ip interface brief'],
    ['sh run', 'show running-config'],
    ['sh ver', 'show version'],
    ['conf t', 'configure terminal'],
    ['term len 0', 'terminal length <0-512:n>'],
    ['wr', 'write'],
    ['wr mem', 'write memory'],
    ['sh int gi1', 'show interfaces <interface:if>'],
    ['sh int gi 1', 'show interfaces <interface:if>'],
    ['sh run int GigabitEthernet1', 'show running-config interface <interface:if>'],
  ])('resolves %j to %j', (line, pattern) => {
    expect(patternOf(line)).toBe(pattern);
  });

  it.each([
    ['s', '"s"'],
    ['c', '"c"'],
    ['sh i', '"sh i"'],
    ['te len 0', '"te"'],
  ])('calls %j ambiguous', (line, quoted) => {
    const r = parseCommand(exec, line);
    expect(r.kind).toBe('ambiguous');
    expect(r.kind === 'ambiguous' && `"${r.text}"`).toBe(quoted);
  });

  it.each(['show', 'show ip', 'terminal length', 'sh int gi', 'show running-config interface'])('calls %j incomplete', (line) => {
    expect(parseCommand(exec, line).kind).toBe('incomplete');
  });

  it.each([
    ['show ip intx brief', 11], // under the "x": "int" still fits "interface"
    ['sh clck', 5], // under the second "c"
    ['show version extra', 13],
    ['terminal length 999', 16],
    ['show interfaces bogus1', 16],
  ])('puts the caret for %j at column %d of the line', (line, offset) => {
    expect(parseCommand(exec, line)).toEqual({ kind: 'invalid', offset });
  });

  it('reads an output filter after a pipe on show commands only', () => {
    const r = parseCommand(exec, 'show run | i ^interface');
    expect(
      r.kind === 'ok' && r.filter && [r.filter.kind, r.filter.pattern.test('interface Gi1'), r.filter.pattern.test(' interface')],
    ).toEqual(['include', true, false]);
    expect(parseCommand(exec, 'show run | section').kind).toBe('incomplete');
    expect(parseCommand(exec, 'show run | frob x')).toEqual({ kind: 'invalid', offset: 11 });
    expect(parseCommand(exec, 'conf t | i x')).toEqual({ kind: 'invalid', offset: 7 });
  });

  it('prefers an exact keyword over a longer one it prefixes', () => {
    const root = buildCommandTree([def('write'), def('write memory'), def('wr-x')]);
    expect(parseCommand(root, 'write').kind).toBe('ok');
  });

  it('keeps a description as typed, inner spaces included', () => {
    const r = parseCommand(commandTree('config-if'), 'description  link to  core  ');
    expect(r.kind === 'ok' && r.args.values.text).toBe('link to  core');
  });

  it('gives an empty line no meaning', () => {
    expect(parseCommand(exec, '   ')).toEqual({ kind: 'empty' });
  });
});
