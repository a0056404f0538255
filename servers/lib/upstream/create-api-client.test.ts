import Joi from 'joi';
import { createApiClient, USER_AGENT, type ApiClient } from './create-api-client';
import { AppError } from '../errors';
import { startFakeJokeApi } from '../../fake-apis/fake-joke-api';
import type { FakeApi } from '../../fake-apis/start-fake-server';
import { captureLog, type CapturedLog } from '../../fake-apis/capture-log';

const jokeSchema = Joi.object({ id: Joi.string().required(), joke: Joi.string().required() });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('createApiClient', () => {
  let fake: FakeApi;
  let log: CapturedLog;
  let client: ApiClient;

  beforeAll(async () => {
    fake = await startFakeJokeApi();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.setMode('ok');
    log = captureLog();
    client = createApiClient({ api: 'icanhazdadjoke', baseURL: fake.url, timeoutMs: 2000, logger: log.logger, retries: 2, retryBaseMs: 5 });
  });
  afterEach(async () => {
    client.close();
    await log.logger.close();
  });

  describe('when the API answers', () => {
    it('returns the validated body and names the project in User-Agent', async () => {
      const body = await client.getJson<{ id: string; joke: string }>('/', undefined, jokeSchema);
      expect(body.joke).toEqual(expect.any(String));
      expect(fake.lastHeaders?.['user-agent']).toBe(USER_AGENT);
      expect(fake.lastHeaders?.accept).toContain('application/json');
    });

    it('logs one API_CALL with api, path, status, duration_ms and attempt', async () => {
      await client.getJson('/', undefined, jokeSchema);
      expect(log.of('API_CALL')).toEqual([
        expect.stringMatching(/^API_CALL api=icanhazdadjoke method=GET path=\/ status=200 duration_ms=[\d.]+ attempt=1 /),
      ]);
    });
  });

  describe('when the API answers 503 once', () => {
    it('retries and returns the second answer', async () => {
      fake.setMode('fail', 1);
      await expect(client.getJson('/', undefined, jokeSchema)).resolves.toHaveProperty('joke');
      expect(log.of('API_CALL').map((l) => /status=(\d+).*attempt=(\d)/.exec(l)?.slice(1))).toEqual([
        ['503', '1'],
        ['200', '2'],
      ]);
    });
  });

  describe('when the API answers 503 three times', () => {
    it('gives up after the retries with UPSTREAM_UNAVAILABLE and logs API_ERROR', async () => {
      fake.setMode('fail');
      const before = fake.requests;
      const err = await failure(client.getJson('/', undefined, jokeSchema));
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.status).toBe(502);
      expect(err.cause).toBeInstanceOf(Error);
      expect(fake.requests - before).toBe(3);
      expect(log.of('API_CALL')).toHaveLength(3);
      expect(log.of('API_ERROR')).toEqual([expect.stringContaining('code=UPSTREAM_UNAVAILABLE')]);
      expect(log.of('API_ERROR')[0]).toContain('attempts=3');
    });
  });

  describe('when the API stalls', () => {
    it('answers UPSTREAM_TIMEOUT without retrying', async () => {
      const quick = createApiClient({ api: 'icanhazdadjoke', baseURL: fake.url, timeoutMs: 150, logger: log.logger, retryBaseMs: 5 });
      fake.setMode('stall');
      const before = fake.requests;
      const err = await failure(quick.getJson('/', undefined, jokeSchema));
      quick.close();
      expect(err.code).toBe('UPSTREAM_TIMEOUT');
      expect(err.status).toBe(504);
      expect(fake.requests - before).toBe(1);
    });
  });

  describe('when the API answers an HTML page', () => {
    it('answers UPSTREAM_BAD_RESPONSE naming what came back', async () => {
      fake.setMode('garbage');
      const err = await failure(client.getJson('/', undefined, jokeSchema));
      expect(err.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(err.message).toContain('text/html');
    });
  });

  describe('when the JSON has the wrong shape', () => {
    it('answers UPSTREAM_BAD_RESPONSE', async () => {
      const err = await failure(client.getJson('/', undefined, Joi.object({ punchline: Joi.string().required() })));
      expect(err.code).toBe('UPSTREAM_BAD_RESPONSE');
    });
  });

  describe('when the API answers a 4xx', () => {
    it('answers UPSTREAM_BAD_RESPONSE without retrying', async () => {
      const before = fake.requests;
      const err = await failure(client.getJson('/no-such-path', undefined, jokeSchema));
      expect(err.code).toBe('UPSTREAM_BAD_RESPONSE');
      expect(fake.requests - before).toBe(1);
    });

    it('returns the body when that status is accepted', async () => {
      const body = await client.getJson('/no-such-path', undefined, Joi.object({ status: Joi.valid(404) }), { acceptStatus: [404] });
      expect(body).toMatchObject({ status: 404 });
    });
  });

  describe('when nothing listens on the port', () => {
    it('fails at once with UPSTREAM_UNAVAILABLE, without retries', async () => {
      const gone = await startFakeJokeApi();
      await gone.close();
      const refused = createApiClient({
        api: 'icanhazdadjoke',
        baseURL: gone.url,
        timeoutMs: 10_000,
        logger: log.logger,
        retries: 5,
        retryBaseMs: 2000,
      });
      const started = Date.now();
      const err = await failure(refused.getJson('/', undefined, jokeSchema));
      refused.close();
      expect(err.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(err.message).toContain('ECONNREFUSED');
      expect(Date.now() - started).toBeLessThan(1500); // one 2 s backoff would exceed this
      expect(log.of('API_CALL')).toEqual([expect.stringContaining('error=ECONNREFUSED')]);
    });
  });
});
