import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createWebhookApp } from '../servers/lib/create-webhook-app';
import { ConfigError, loadConfig } from '../servers/lib/load-config';
import { captureLogger } from './support/capture-logger';
import { labServers } from './support/lab-servers';
import { spawnTs } from './support/spawn-process';
import { tempDir, testConfig } from './support/test-config';

/**
 * Issue 13, "what an outside red team broke": each test repeats one attack against the servers
 * and shows that it now fails. (The router simulator's half is tested beside the simulator.)
 */

// Every folder this file writes to lives under one scratch folder, removed at the end.
const scratch = tempDir('hooklab-round2-');
let folders = 0;
/** A new folder under the scratch folder. */
function folder(): string {
  const dir = path.join(scratch, String((folders += 1)));
  fs.mkdirSync(dir);
  return dir;
}
/** LOG_DIR, BACKUP_DIR and KNOWN_HOSTS_FILE of one server, all inside the scratch folder. */
function ownFolders(): Record<string, string> {
  const dir = folder();
  return { LOG_DIR: path.join(dir, 'logs'), BACKUP_DIR: path.join(dir, 'backups'), KNOWN_HOSTS_FILE: path.join(dir, 'known_hosts') };
}
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('13. an event named after an Object.prototype member', () => {
  describe.each(labServers(ownFolders()))('on the $name server', ({ name, build }) => {
    it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
      '{"event":"%s"} is answered like any other event the server does not declare (2xx, never 500)',
      async (event) => {
        const { app, logger } = build();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(`{"event":"${event}"}`);
        expect(res.status).toBe(200);
        if (name === 'basic') expect(res.body).toMatchObject({ status: 'ok', event });
        else expect(res.body).toMatchObject({ status: 'ignored', reason: expect.stringContaining(event), supported: expect.not.arrayContaining([event]) });
        expect(logger.of('ERROR')).toEqual([]);
      },
    );

    it('{"event":"__proto__"} gets the same answer as any other name starting with "_" (422, never 500)', async () => {
      const { app, logger } = build();
      const proto = await request(app).post('/events').set('Content-Type', 'application/json').send('{"event":"__proto__"}');
      const other = await request(app).post('/events').set('Content-Type', 'application/json').send('{"event":"__other__"}');
      expect(proto.status).toBe(422);
      expect(proto.body.error).toEqual(other.body.error);
      expect(logger.of('ERROR')).toEqual([]);
    });
  });
});

describe('10. IP_ALLOWLIST parsed strictly', () => {
  it.each(['10.9.9.9/', '10.0.0.0/8/9', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/+8', '10.0.0.0/08', '10.0.0.0/ 8', '::1/129', '10.0.0.0/8,,', ',', '10.0.0.0/8,', 'localhost'])(
    '%j stops start-up with a message naming IP_ALLOWLIST (never read as "allow everyone")',
    (value) => {
      expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(ConfigError);
      expect(() => loadConfig({ IP_ALLOWLIST: value })).toThrow(/IP_ALLOWLIST/);
    },
  );

  it('still reads addresses and CIDRs of both families', async () => {
    const config = testConfig({ ...ownFolders(), IP_ALLOWLIST: '10.9.9.9, 10.0.0.0/8,::1/128,2001:db8::/32', TRUST_PROXY: 'true' });
    const app = createWebhookApp({ server: 'basic', config, logger: captureLogger(), events: {}, anyEvent: { handle: () => ({ status: 'ok' }) } });
    const from = async (address: string): Promise<number> => (await request(app).post('/events').set('X-Forwarded-For', address).send({ event: 'Ping' })).status;
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
