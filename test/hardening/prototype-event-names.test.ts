import request from '../support/route-request';
import { labServers } from '../support/lab-servers';
import { ownFolders } from './hardening-kit';

/** An event named after an Object.prototype member (`toString`, `constructor`, …) reaches no inherited handler. */

describe('an event named after an Object.prototype member', () => {
  describe.each(labServers(ownFolders()))('on the $name server', ({ name, build }) => {
    it.each(['toString', 'constructor', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])(
      '{"event":"%s"} is answered like any other event the server does not declare (2xx, never 500)',
      async (event) => {
        const { app, logger } = build();
        const res = await request(app).post('/events').set('Content-Type', 'application/json').send(`{"event":"${event}"}`);
        expect(res.status).toBe(200);
        if (name === 'basic') expect(res.body).toMatchObject({ status: 'ok', event });
        else
          expect(res.body).toMatchObject({
            status: 'ignored',
            reason: expect.stringContaining(event),
            supported: expect.not.arrayContaining([event]),
          });
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
