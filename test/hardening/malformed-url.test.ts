import request from 'supertest';
import { labServers } from '../support/lab-servers';
import { captureLogger } from '../support/capture-logger';
import { testConfig } from '../support/test-config';
import { startDashboard, type RunningDashboard } from '../../lab/dashboard/start-dashboard';
import { startTestSimulator, type SimFixture } from '../support/sim-fixture';

/** The answer every server gives a URL it cannot decode: 400 in the shared shape, never a 500. */
const BAD_REQUEST = {
  error: { code: 'BAD_REQUEST', message: expect.stringMatching(/%-escape/), details: [] },
  request_id: expect.any(String),
};

/** `GET /events/%ZZ` answered 500 and wrote a URIError stack to the log. */
describe('a URL with a malformed %-escape', () => {
  describe.each(labServers())('on the $name server', ({ name, build }) => {
    const paths = ['/events/%ZZ', '/events/%E0%A4%A'];
    if (name === 'network') paths.push('/jobs/%ZZ');
    it.each(paths)('GET %s answers 400 BAD_REQUEST, and logs no ERROR', async (path) => {
      const server = build();
      try {
        const res = await request(server.app).get(path);
        expect(res.status).toBe(400);
        expect(res.body).toEqual(BAD_REQUEST);
        expect(server.logger.of('ERROR')).toEqual([]);
        expect(server.logger.lines.join('\n')).not.toContain('URIError');
      } finally {
        await server.close();
      }
    });
  });

  describe('on the lab dashboard', () => {
    const logger = captureLogger('dashboard');
    let dashboard: RunningDashboard;
    beforeAll(async () => {
      const closed = 'http://127.0.0.1:1';
      dashboard = await startDashboard({
        config: testConfig(),
        servers: { basic: closed, joke: closed, card: closed, network: closed },
        routerControlUrl: closed,
        port: 0,
        logger,
      });
    });
    afterAll(() => dashboard.close());

    it("a router button's path answers 400 BAD_REQUEST, and logs no ERROR", async () => {
      const url = new URL(dashboard.url);
      const res = await request(url.origin)
        .post('/router/%ZZ/GigabitEthernet1/shutdown')
        .set('Host', url.host)
        .set('Content-Type', 'application/json')
        .send('{}');
      expect(res.status).toBe(400);
      expect(res.body).toEqual(BAD_REQUEST);
      expect(logger.of('ERROR')).toEqual([]);
    });
  });

  describe("on the router's control port", () => {
    const logger = captureLogger('device-simulator');
    let fx: SimFixture;
    beforeAll(async () => {
      fx = await startTestSimulator({ logger });
    });
    afterAll(() => fx.close());

    it.each(['/devices/%ZZ/interfaces', '/interfaces/%ZZ/shutdown'])('%s answers 400 BAD_REQUEST, and logs no ERROR', async (path) => {
      const res = await request(fx.sim.controlUrl).post(path).set('Host', new URL(fx.sim.controlUrl).host);
      expect(res.status).toBe(400);
      expect(res.body).toEqual(BAD_REQUEST);
      expect(logger.of('ERROR')).toEqual([]);
    });
  });
});
