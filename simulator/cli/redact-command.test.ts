import { loggedLine } from './run-line';

describe('a typed line as the router logs it', () => {
  it.each([
    ['username carol priv 15 sec Hunter2Abbrev', 'username carol priv 15 sec <removed>'],
    ['username carol secret 0 plain text with spaces', 'username carol secret <removed>'],
    ['  username   dave   s   X', '  username   dave   s   <removed>'],
    ['username erin password 7 0822455D0A16', 'username erin password <removed>'],
    ['usernme frank secret Typ0', 'usernme <removed>'],
    ['ip route 10.0.0.0 255.255.255.0 10.9.9.9', 'ip route 10.0.0.0 255.255.255.0 10.9.9.9'],
    ['hostname R2', 'hostname R2'],
    ['username gina', 'username gina'],
  ])('in config mode, %s → %s', (line, logged) => {
    expect(loggedLine('config', line)).toBe(logged);
  });

  it('under an interface, a global command is read as one too', () => {
    expect(loggedLine('config-if', 'username carol sec S3cret')).toBe('username carol sec <removed>');
  });

  it('at the exec prompt, what the parser understood is kept, and nothing after a word it did not', () => {
    expect(loggedLine('exec', 'show ip interface brief | include up')).toBe('show ip interface brief | include up');
    expect(loggedLine('exec', 'sh ver')).toBe('sh ver');
    expect(loggedLine('exec', 's')).toBe('s');
    expect(loggedLine('exec', 'Hunter2')).toBe('Hunter2');
  });
});
