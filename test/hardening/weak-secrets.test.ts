import { ConfigError, loadConfig } from '../../servers/lib/config/load-config';
import { signingKeys } from '../../common/signatures/webhook-signatures';
import { spawnTs } from '../support/spawn-process';
import { ownFolders } from './hardening-kit';

/** Weak or empty webhook secrets stop start-up instead of signing with nothing. */

describe('weak webhook secrets', () => {
  it.each([
    ['whsec_!!!!!!!!!!', /secret 1 of 1 is not base64/],
    ['whsec_AAAA', /secret 1 of 1 decodes to a key shorter than 8 bytes/],
    ['a-long-real-secret,x', /secret 2 of 2 is shorter than 8 characters/],
    [',,,,', /secret 1 of 5 is empty/],
    [',,,,,,,,,,,,', /secret 1 of 13 is empty/],
    ['a-long-real-secret,,another-long-one', /secret 2 of 3 is empty/],
  ])('WEBHOOK_SECRET=%j stops start-up, naming the variable and never the value', (value, problem) => {
    let message = '';
    try {
      loadConfig({ WEBHOOK_SECRET: value });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(new RegExp(`WEBHOOK_SECRET: ${problem.source}`));
    for (const part of value.split(',').filter((p) => p.length > 1)) expect(message).not.toContain(part);
  });

  it('a key that decodes to nothing is never used to check a signature', () => {
    expect(() => signingKeys(['whsec_!!!!!!!!!!'])).toThrow(/WEBHOOK_SECRET: secret 1 of 1/);
    expect(() => signingKeys(['a-long-real-secret', 'x'])).toThrow(/secret 2 of 2 is shorter/);
  });

  it('still accepts good secrets, whsec_ ones included', () => {
    const whsec = `whsec_${Buffer.from('a-real-32-byte-key-for-the-lab!!').toString('base64')}`;
    expect(loadConfig({ WEBHOOK_SECRET: `first-secret, ${whsec}` }).webhookSecrets).toEqual(['first-secret', whsec]);
  });

  it('a server given "a-long-real-secret,x" refuses to start with one line about WEBHOOK_SECRET', async () => {
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', ...ownFolders(), WEBHOOK_SECRET: 'a-long-real-secret,x' });
    expect(await proc.exited).toBe(1);
    const about = proc
      .output()
      .split('\n')
      .filter((l) => l.includes('WEBHOOK_SECRET'));
    expect(about).toEqual(['  WEBHOOK_SECRET: secret 2 of 2 is shorter than 8 characters']);
    expect(proc.output()).not.toContain('a-long-real-secret');
  }, 30_000);
});
