import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { labServers } from './support/lab-servers';
import { tempDir } from './support/test-config';

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
