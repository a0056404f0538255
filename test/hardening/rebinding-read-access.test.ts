import request from 'supertest';
import { labServers } from '../support/lab-servers';

const SECRET = 'rebinding-secret-123';

/**
 * With HOST=0.0.0.0 and only WEBHOOK_SECRET, a page on rebind.evil.example that
 * DNS rebinding pointed at 127.0.0.1 read the journal and the live view: "this machine only"
 * trusted the peer address, and the Host check ran only on servers bound to loopback. Now any
 * rule that grants "this machine" checks the Host too, whatever the server is bound to.
 */
describe('a server on 0.0.0.0 with only WEBHOOK_SECRET, read from this machine', () => {
  describe.each(labServers({ HOST: '0.0.0.0', WEBHOOK_SECRET: SECRET }))('the $name server', ({ name, build }) => {
    const reads = ['/events', '/events/evt_1', '/inspect/feed', '/inspect/payloads', ...(name === 'network' ? ['/jobs/job_1'] : [])];

    it.each(reads)('GET %s under a rebinding Host (rebind.evil.example) is refused, 403 FORBIDDEN', async (path) => {
      const server = build();
      try {
        for (const host of ['rebind.evil.example', 'rebind.evil.example:8000', '0.0.0.0:8000']) {
          // The deadline only stops a test that failed from hanging: an event stream let through never ends.
          const res = await request(server.app).get(path).set('Host', host).timeout({ deadline: 10_000 });
          expect(res.status).toBe(403);
          expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/this machine only/) });
        }
      } finally {
        await server.close();
      }
    });

    it('GET /events under a loopback Host is still answered, and so is a signed POST under any name', async () => {
      const server = build();
      try {
        expect((await request(server.app).get('/events').set('Host', '127.0.0.1:8000')).status).toBe(200);
        expect((await request(server.app).get('/events').set('Host', 'localhost')).status).toBe(200);
        // Senders on other machines name the server as they reach it: POST /events is not "this machine only".
        const unsigned = await request(server.app).post('/events').set('Host', 'lab-vm.internal').send({ event: 'X' });
        expect(unsigned.status).toBe(401);
      } finally {
        await server.close();
      }
    });
  });
});
