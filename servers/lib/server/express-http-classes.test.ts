import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { callableOnAnyObject, expressHttpClasses } from './express-http-classes';
import { startServer } from './start-server';
import { buildApp } from '../../basic/app';
import { captureLogger } from '../../../test/support/capture-logger';
import { testConfig } from '../../../test/support/test-config';
import request from '../../../test/support/route-request';

/**
 * Runs `fn` while recording every Object.setPrototypeOf that really changes the prototype of a
 * request or a response: the call Express makes on each request, and the one that costs.
 */
async function prototypeChangesDuring(fn: () => Promise<void>): Promise<string[]> {
  const changes: string[] = [];
  const original = Object.setPrototypeOf;
  Object.setPrototypeOf = (target: object, proto: object | null) => {
    if ((target instanceof http.IncomingMessage || target instanceof http.ServerResponse) && Object.getPrototypeOf(target) !== proto)
      changes.push(target instanceof http.IncomingMessage ? 'request' : 'response');
    return original(target, proto);
  };
  try {
    await fn();
  } finally {
    Object.setPrototypeOf = original;
  }
  return changes;
}

async function getOnce(server: http.Server, path: string): Promise<{ status: number; body: string }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, body: await res.text() };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function expressApp(): express.Express {
  const app = express();
  app.get('/', (req, res) => {
    res.json({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response, ip: req.ip });
  });
  return app;
}

describe('expressHttpClasses', () => {
  it('makes plain http.createServer(app) the control: Express changes both prototypes on every request', async () => {
    const app = expressApp();
    const changes = await prototypeChangesDuring(async () => void (await getOnce(http.createServer(app), '/')));
    expect(changes).toEqual(['request', 'response']);
  });

  it('builds requests and responses with Express’s prototypes already, so Express has nothing to change, and serves the same', async () => {
    const app = expressApp();
    let answer = { status: 0, body: '' };
    const changes = await prototypeChangesDuring(async () => {
      answer = await getOnce(http.createServer(expressHttpClasses(app), app), '/');
    });
    expect(changes).toEqual([]);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ request: true, response: true, ip: '127.0.0.1' });
  });

  it('is what startServer listens with: a lab server’s requests never get their prototype changed', async () => {
    const config = testConfig();
    const logger = captureLogger();
    const built = buildApp({ config, logger });
    const running = await startServer(built, { config, logger, port: 0 });
    let status = 0;
    try {
      const changes = await prototypeChangesDuring(async () => {
        status = (await fetch(`${running.url}/health`)).status;
      });
      expect(changes).toEqual([]);
      expect(status).toBe(200);
    } finally {
      await running.close();
    }
  });

  it('is what the route tests run on too (test/support/route-request.ts): no prototype changed, the same answer', async () => {
    const { app } = buildApp({ config: testConfig(), logger: captureLogger() });
    let status = 0;
    const changes = await prototypeChangesDuring(async () => {
      status = (await request(app).post('/events').send({ event: 'Anything' })).status;
    });
    expect(status).toBe(200);
    expect(changes).toEqual([]);
  });

  it('uses them only while Node’s constructors are plain functions: a class could not be run on an object made elsewhere', () => {
    expect(callableOnAnyObject(http.IncomingMessage)).toBe(true);
    expect(callableOnAnyObject(http.ServerResponse)).toBe(true);
    class AsAClass {}
    function AsAFunction(): void {}
    expect(callableOnAnyObject(AsAClass)).toBe(false);
    expect(callableOnAnyObject(AsAFunction as unknown as new () => unknown)).toBe(true);
    expect(() => Reflect.apply(AsAClass, {}, [])).toThrow(TypeError);
  });
});
