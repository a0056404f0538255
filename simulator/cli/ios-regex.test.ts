import { compileIosRegex, iosToRe2 } from './ios-regex';

const matches = (pattern: string, line: string): boolean => {
  const m = compileIosRegex(pattern);
  if (!m) throw new Error(`${pattern} did not compile`);
  return m.test(line);
};

describe('IOS regular expressions in output filters', () => {
  it('answers the pattern that pinned the simulator, at once, on a long line', () => {
    // JavaScript's RegExp backtracks exponentially here: 30 characters take minutes.
    expect(matches('(.|.)*QQQ', 'x'.repeat(4096))).toBe(false);
    expect(matches('(.|.)*QQQ', `${'x'.repeat(4096)}QQQ`)).toBe(true);
  });

  it.each([
    ['^interface', 'interface Loopback0', true],
    ['^interface', ' interface', false],
    ['Gig|Loop', 'Loopback0 is up', true],
    ['[Oo]utput', 'Output queue', true],
    ['a\\.b', 'a.b', true],
    ['a\\.b', 'axb', false],
    ['GigabitEthernet1', '%LINK-3-UPDOWN: Interface GigabitEthernet1, changed', true],
    ['GigabitEthernet1', '%LINK-3-UPDOWN: Interface GigabitEthernet2, changed', false],
  ])('matches %j against %j as IOS does: %s', (pattern, line, expected) => {
    expect(matches(pattern, line)).toBe(expected);
  });

  it('reads _ as a delimiter: space, comma, brace, parenthesis, start or end of line (or an underscore)', () => {
    expect(matches('_65000_', 'path 100 65000 200')).toBe(true);
    expect(matches('_65000_', '65000')).toBe(true);
    expect(matches('_65000_', '(65000,1)')).toBe(true);
    expect(matches('_65000_', '165000')).toBe(false);
    expect(matches('CONFIG_I', '%SYS-5-CONFIG_I: Configured from console')).toBe(true);
    expect(matches('Link\\_to', 'Link_to R2')).toBe(true);
    expect(matches('[_]', 'a_b')).toBe(true);
    expect(iosToRe2('[]_]')).toBe('[]_]');
  });

  it.each([['('], ['[abc'], ['(a)\\1'], ['a{1001}'], ['*x']])('refuses %j (no crash, no stall)', (pattern) => {
    expect(compileIosRegex(pattern)).toBeUndefined();
  });
});
