import { isSecretName, redactSecretText, redactSecrets } from './redact-secrets';
import { findCredentials } from './find-credentials';

describe('redactSecretText', () => {
  it.each([
    ['token=abc123&next=1', 'token=[REDACTED]&next=1'],
    ['api_key: "s3cret value", kept', 'api_key: [REDACTED], kept'],
    ["password = 'x y z'", 'password = [REDACTED]'],
    ['Authorization: Bearer abc.def-123', 'Authorization: [REDACTED]'],
    ['curl -H "Authorization: Basic dXNlcjpwYXNz" http://x', 'curl -H "Authorization: [REDACTED]" http://x'],
    ['sent Bearer abcdefgh to it', 'sent Bearer [REDACTED] to it'],
    ['https://admin:hunter22@10.0.0.1/api', 'https://admin:[REDACTED]@10.0.0.1/api'],
    ['x=1 db.password=p4ss other=2', 'x=1 db.password=[REDACTED] other=2'],
    ['x=token=abc', 'x=token=[REDACTED]'],
  ])('%s → %s', (text, expected) => {
    expect(redactSecretText(text)).toBe(expected);
  });

  it.each(['author=kept', 'passenger: kept', 'interface=Gi1', 'https://10.0.0.1:8443/path', 'Bearer abc', 'a=', 'password="unclosed'])(
    'leaves %s as it is',
    (text) => {
      expect(redactSecretText(text)).toBe(text);
    },
  );

  it('isSecretName reads words of every case style', () => {
    expect(['wifiPass', 'basic_auth', 'userPWD', 'X-Api-Key', 'snmpCommunity'].every(isSecretName)).toBe(true);
    expect(['author', 'passenger', 'compass'].some(isSecretName)).toBe(false);
  });

  it('redacts inside JSON values at any depth', () => {
    expect(redactSecrets({ note: 'token=abc', list: [{ name: 'password', value: 'p' }] })).toEqual({
      note: 'token=[REDACTED]',
      list: [{ name: 'password', value: '[REDACTED]' }],
    });
  });
});

/**
 * `{"event":"<60,000 × a>="}` held the basic server 12 s, because a regex over
 * `name=value` backtracked over the whole string from each of its positions. The scan counts the
 * characters it looks at: a quadratic scan looks at about n²/2 of them, a linear one a few n.
 */
describe('findCredentials looks at each character a bounded number of times', () => {
  const sizes = [1_000, 10_000, 60_000];
  const hostile: Array<[string, (n: number) => string]> = [
    ['a long name and a separator with no value (the attack)', (n) => `${'a'.repeat(n)}=`],
    ['names of dots and dashes', (n) => `${'a.'.repeat(n / 2)}:`],
    ['a secret name before a quote that never closes, repeated', (n) => 'password="'.repeat(n / 10)],
    ['schemes with no space', (n) => 'Bearer/'.repeat(n / 7)],
    ['schemes with short credentials', (n) => 'Bearer abc '.repeat(n / 11)],
    ['URLs with no password', (n) => 'x://user'.repeat(n / 8)],
    ['URLs with no @', (n) => `x://u:${'p'.repeat(n)}`],
    ['separators only', (n) => '=:'.repeat(n / 2)],
    ['secret names with spaces before the separator', (n) => `token${' '.repeat(n)}=`],
    ['a secret value of spaces then a scheme', (n) => `token=Bearer${' '.repeat(n)},`],
  ];

  it.each(hostile)('%s', (_what, make) => {
    for (const n of sizes) {
      const text = make(n);
      const { steps } = findCredentials(text, isSecretName);
      expect(steps).toBeLessThanOrEqual(8 * text.length + 16);
    }
  });

  it('still finds every credential in a long text of many', () => {
    const text = Array.from({ length: 5_000 }, (_, i) => `token=t${i} https://u:p${i}@h Bearer abcdef${i}`).join(' ');
    const redacted = redactSecretText(text);
    expect(redacted).not.toMatch(/t\d|p\d|abcdef\d/);
    expect(findCredentials(text, isSecretName).steps).toBeLessThanOrEqual(8 * text.length);
  });
});
