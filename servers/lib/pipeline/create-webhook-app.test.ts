import request from '../../../test/support/route-request';
import Joi from 'joi';
import { createWebhookApp } from './create-webhook-app';
import { reply } from './reply';
import { AppError, ERROR_TABLE, type ErrorCode } from '../errors';
import { eventSchema } from './envelope-schema';
import { captureLogger } from '../../../test/support/capture-logger';
import { testConfig } from '../../../test/support/test-config';

function appWith(events: Parameters<typeof createWebhookApp>[0]['events'], extra: Partial<Parameters<typeof createWebhookApp>[0]> = {}) {
  const logger = captureLogger();
  const { app } = createWebhookApp({ server: 'joke', config: testConfig(), logger, events, ...extra });
  return { app, logger };
}

describe('createWebhookApp', () => {
  describe('an event the server does not handle', () => {
    it('is acknowledged 200 as ignored, naming the supported events', async () => {
      const { app, logger } = appWith([{ name: 'JokeRequest', handle: () => ({ joke: 'x' }) }]);
      const res = await request(app).post('/events').send({ event: 'CardDraw' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ignored', reason: expect.stringContaining('CardDraw'), supported: ['JokeRequest'] });
      expect(logger.of('WEBHOOK_PROCESSED')[0]).toContain('outcome=ignored');
    });
  });

  describe("an event's own schema", () => {
    it('is checked before the handler runs', async () => {
      let ran = false;
      const { app } = appWith([
        {
          name: 'JokeRequest',
          schema: eventSchema<{ term?: string }>({ term: Joi.string().max(5) }),
          handle: () => {
            ran = true;
            return {};
          },
        },
      ]);
      const res = await request(app).post('/events').send({ event: 'JokeRequest', term: 'far too long' });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].field).toBe('term');
      expect(ran).toBe(false);
    });
  });

  describe('the WEBHOOK_RECEIVED line', () => {
    it("shows the fields the event's definition declares (numbers too), not the envelope's", async () => {
      const { app, logger } = appWith([{ name: 'CardDraw', logged: ['count', 'deck'], handle: () => ({}) }]);
      await request(app).post('/events').send({ event: 'CardDraw', count: 5, deck: 'new', device: 'Router1' });
      const [line] = logger.of('WEBHOOK_RECEIVED');
      expect(line).toMatch(/^WEBHOOK_RECEIVED event=CardDraw count=5 deck=new bytes=/);
      expect(line).not.toContain('device=');
    });

    it("shows the envelope's device and interface for an event the server does not declare", async () => {
      const { app, logger } = appWith([]);
      await request(app).post('/events').send({ event: 'InterfaceDown', device: 'Router1', interface: 'Gi1' });
      expect(logger.of('WEBHOOK_RECEIVED')[0]).toMatch(/event=InterfaceDown device=Router1 interface=Gi1 /);
    });
  });

  describe('aliases', () => {
    it('route another name to the same handler', async () => {
      const { app } = appWith([{ name: 'NetworkDeviceCheck', aliases: ['DeviceCheck'], handle: () => ({ checked: true }) }]);
      const res = await request(app).post('/events').send({ event: 'DeviceCheck' });
      expect(res.body).toEqual({ checked: true });
    });
  });

  describe('a handler answering with reply()', () => {
    it('sets the status and headers it asks for', async () => {
      const { app } = appWith([{ name: 'Job', handle: () => reply(202, { job: '1' }, { Location: '/jobs/1' }) }]);
      const res = await request(app).post('/events').send({ event: 'Job' });
      expect(res.status).toBe(202);
      expect(res.headers.location).toBe('/jobs/1');
    });
  });

  describe('when a handler fails unexpectedly', () => {
    it('answers 500 INTERNAL with a generic message and logs the stack only', async () => {
      const { app, logger } = appWith([
        {
          name: 'Boom',
          handle: () => {
            throw new TypeError('secret internals: db password=hunter2');
          },
        },
      ]);
      const res = await request(app).post('/events').send({ event: 'Boom' });
      expect(res.status).toBe(500);
      expect(res.body.error).toEqual({ code: 'INTERNAL', message: ERROR_TABLE.INTERNAL.message, details: [] });
      expect(JSON.stringify(res.body)).not.toContain('hunter2');
      const [error] = logger.of('ERROR');
      expect(error).toContain('stack=');
      expect(error?.split('\n')).toHaveLength(1);
    });

    it('keeps serving the next request', async () => {
      const { app } = appWith([{ name: 'Boom', handle: async () => Promise.reject(new Error('async failure')) }]);
      expect((await request(app).post('/events').send({ event: 'Boom' })).status).toBe(500);
      expect((await request(app).get('/health')).status).toBe(200);
    });
  });

  describe('each error code a handler throws', () => {
    const rows = Object.entries(ERROR_TABLE) as Array<[ErrorCode, { status: number }]>;
    it.each(rows)('%s answers HTTP %p in the shared shape', async (code, { status }) => {
      const { app } = appWith([
        {
          name: 'Fail',
          handle: () => {
            throw new AppError(code, `failed with ${code}`, { details: [{ message: 'why' }] });
          },
        },
      ]);
      const res = await request(app).post('/events').send({ event: 'Fail' });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.request_id).toBe(res.headers['x-request-id']);
    });
  });

  describe('X-Request-Id', () => {
    it("keeps a caller's plain request id", async () => {
      const { app } = appWith([]);
      const res = await request(app).get('/health').set('X-Request-Id', 'abc-123');
      expect(res.headers['x-request-id']).toBe('abc-123');
    });

    it('replaces one that could forge log lines', async () => {
      const { app } = appWith([]);
      const res = await request(app).get('/health').set('X-Request-Id', 'a b "c"');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });
});

describe('eventSchema', () => {
  it('with no extra keys keeps every envelope rule', () => {
    expect(eventSchema({}).validate({ event: 'x', device: 'Router1;reload' }).error).toBeDefined();
    expect(eventSchema().validate({ event: 'x', device: 'Router1' }).error).toBeUndefined();
  });
});

describe('close()', () => {
  it('releases the onClose resources (then the journal) once, however often it is called', async () => {
    const released: string[] = [];
    const built = createWebhookApp({
      server: 'joke',
      config: testConfig(),
      logger: captureLogger(),
      events: [],
      onClose: [() => void released.push('sockets')],
    });
    await request(built.app).post('/events').send({ event: 'CardDraw' }); // the journal has a file open
    await Promise.all([built.close(), built.close()]);
    await built.close();
    expect(released).toEqual(['sockets']);
  });
});
