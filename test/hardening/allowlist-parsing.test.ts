import request from '../support/route-request';
import { ConfigError, loadConfig } from '../../servers/lib/config/load-config';
import { spawnTs } from '../support/spawn-process';
import { testConfig } from '../support/test-config';
import { catchAllApp, ownFolders } from './hardening-kit';

/** IP_ALLOWLIST is parsed strictly: a typo never opens the server to more addresses than meant. */

describe('IP_ALLOWLIST parsed strictly', () => {
  it.each([
    '10.9.9.9/',
    '10.0.0.0/8/9',
    '10.0.0.0/33',
    '10.0.0.0/-1',
    '10.0.0.0/+8',
    '10.0.0.0/08',
    '10.0.0.0/ 8',
    '::1/129',
    '10.0.0.0/8,,',
    ',',
    '10.0.0.0/8,',
    'localhost',
  ])('%j stops start-up with a message naming IP_ALLOWLIST (never read as "allow everyone")', (value) => {
    expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(ConfigError);
    expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(/IP_ALLOWLIST/);
  });

  it('still reads addresses and CIDRs of both families', async () => {
    const config = testConfig({ ...ownFolders(), IP_ALLOWLIST: '10.9.9.9, 10.0.0.0/8,::1/128,2001:db8::/32', TRUST_PROXY: 'true' });
    const { app } = catchAllApp(config);
    const from = async (address: string): Promise<number> =>
      (await request(app).post('/events').set('X-Forwarded-For', address).send({ event: 'Ping' })).status;
    expect([await from('10.9.9.9'), await from('10.200.1.1'), await from('2001:db8::7'), await from('::1')]).toEqual([200, 200, 200, 200]);
    expect([await from('11.0.0.1'), await from('2001:db9::1'), await from('192.0.2.1')]).toEqual([403, 403, 403]);
  });

  it('a server given "10.9.9.9/" refuses to start, says why, and exits 1', async () => {
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', ...ownFolders(), IP_ALLOWLIST: '10.9.9.9/' });
    expect(await proc.exited).toBe(1);
    expect(proc.output()).toMatch(/IP_ALLOWLIST: "10\.9\.9\.9\/" is not/);
    expect(proc.output()).not.toMatch(/\n\s+at /);
  }, 30_000);
});
