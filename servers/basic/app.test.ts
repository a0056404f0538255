import request from '../../test/support/route-request';
import { buildApp } from './app';
import { captureLogger } from '../../test/support/capture-logger';
import { testConfig } from '../../test/support/test-config';
import labPayload from '../../payloads/basic_event.json';

function openApp(env: Record<string, string> = {}) {
  const logger = captureLogger('basic');
  return { app: buildApp({ config: testConfig(env), logger }).app, logger };
}

/** What the basic server itself does; the pipeline it shares is tested in servers/lib/pipeline/pipeline.test.ts. */
describe('basic server', () => {
  describe('POST /events', () => {
    it("answers the lab's own curl request with status ok and an id", async () => {
      const { app } = openApp();
      const res = await request(app).post('/events').set('Content-Type', 'application/json').send(JSON.stringify(labPayload));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', id: expect.any(String), event: 'InterfaceDown' });
    });

    it('logs WEBHOOK_RECEIVED with event, bytes, source and request id, then WEBHOOK_PROCESSED', async () => {
      const { app, logger } = openApp();
      const body = JSON.stringify(labPayload);
      const res = await request(app).post('/events').set('Content-Type', 'application/json').send(body);
      const [received] = logger.of('WEBHOOK_RECEIVED');
      expect(received).toMatch(
        new RegExp(`event=InterfaceDown .*bytes=${Buffer.byteLength(body)} source=\\S+ .*request_id=${res.headers['x-request-id']}`),
      );
      expect(logger.of('WEBHOOK_PROCESSED')[0]).toMatch(/outcome=ok .*duration_ms=[\d.]+/);
    });

    it('accepts any event name and extra fields', async () => {
      const { app } = openApp();
      const res = await request(app)
        .post('/events')
        .send({ event: 'push', ref: 'main', commits: [1, 2] });
      expect(res.status).toBe(200);
    });
  });
});
