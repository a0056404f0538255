import express from 'express';
import helmet from 'helmet';
import request from '../../../test/support/route-request';
import { securityHeaders } from './security-headers';
import { buildApp } from '../../basic/app';
import { captureLogger } from '../../../test/support/capture-logger';
import { testConfig } from '../../../test/support/test-config';

/** The headers helmet itself sets on a real answer, lower-cased, beside Express's own. */
async function helmetOnARealRequest(): Promise<Record<string, string>> {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.get('/', (_req, res) => res.end());
  const plain = express();
  plain.disable('x-powered-by');
  plain.get('/', (_req, res) => res.end());
  const [withHelmet, without] = await Promise.all([request(app).get('/'), request(plain).get('/')]);
  return Object.fromEntries(Object.entries(withHelmet.headers as Record<string, string>).filter(([name]) => !(name in without.headers)));
}

describe('securityHeaders', () => {
  it('are exactly the headers helmet sets on a real request, worked out once', async () => {
    const recorded = Object.fromEntries(securityHeaders().map(([name, value]) => [name.toLowerCase(), value]));
    expect(Object.keys(recorded).length).toBeGreaterThan(5);
    expect(recorded).toEqual(await helmetOnARealRequest());
  });

  it('are on every answer of a lab server, a webhook acknowledgement and a 404 alike', async () => {
    const built = buildApp({ config: testConfig(), logger: captureLogger() });
    try {
      const expected = await helmetOnARealRequest();
      const ack = await request(built.app).post('/events').send({ event: 'Ping' });
      const missing = await request(built.app).get('/nowhere');
      expect(ack.status).toBe(200);
      expect(missing.status).toBe(404);
      for (const answer of [ack, missing]) expect(answer.headers).toMatchObject(expected);
    } finally {
      await built.close();
    }
  });
});
