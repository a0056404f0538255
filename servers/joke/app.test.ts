import { buildApp } from './app';
import { testConfig } from '../../test/support/test-config';
import { startFakeJokeApi } from '../fake-apis/fake-joke-api';
import { captureLog } from '../fake-apis/capture-log';
import { API_JOKES, postEvent, setupJokeApp, type JokeTestApp } from '../../test/support/joke-test-kit';
import { useFakeApi } from '../../test/support/use-fake-api';

const fake = useFakeApi(() => startFakeJokeApi({ jokes: API_JOKES }));

const setup = (env: Record<string, string>, apiUrl = fake.url): JokeTestApp => setupJokeApp(env, apiUrl);
const post = postEvent;

describe('buildApp', () => {
  it('builds its API client from config when none is injected', async () => {
    const log = captureLog('joke');
    const joke = buildApp({ config: testConfig({ JOKE_API_URL: fake.url, OFFLINE_FALLBACK: 'off' }), logger: log.logger });
    const res = await post(joke.app, { event: 'JokeRequest' });
    await joke.close(); // closes its keep-alive sockets
    expect(res.body.source).toBe('icanhazdadjoke');
  });
});

describe('POST /events', () => {
  describe('with OFFLINE_FALLBACK off', () => {
    let ctx: ReturnType<typeof setup>;
    beforeEach(() => {
      ctx = setup({ OFFLINE_FALLBACK: 'off' });
    });
    afterEach(() => ctx.client.close());

    describe('when the API answers', () => {
      it('answers the joke, its id and source icanhazdadjoke', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest' });
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ joke: expect.any(String), id: expect.stringMatching(/^api-/), source: 'icanhazdadjoke' });
        expect(fake.lastHeaders?.['user-agent']).toMatch(/^hooklab/);
      });

      it('searches with "term" and answers a matching joke', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest', term: 'cat' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ id: 'api-1', source: 'icanhazdadjoke', term: 'cat' });
      });

      it('answers 404 NOT_FOUND when no joke matches', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest', term: 'zebra' });
        expect(res.status).toBe(404);
        expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'No joke matches "zebra".' });
      });
    });

    describe.each([
      ['an empty term', ''],
      ['a blank term', '   '],
      ['a term of 101 characters', 'x'.repeat(101)],
      ['a number as term', 42],
    ])('when the event has %s', (_name, term) => {
      it('answers 422 VALIDATION_FAILED naming "term"', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest', term });
        expect(res.status).toBe(422);
        expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'term' })]);
      });
    });

    describe('when the event is not one this server handles', () => {
      it('answers 2xx ignored with the supported events', async () => {
        const res = await post(ctx.app, { event: 'CardDraw' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'ignored', reason: expect.any(String), supported: ['JokeRequest'] });
        expect(ctx.log.lines().join('\n')).toMatch(/WEBHOOK_PROCESSED event=CardDraw outcome=ignored/);
      });
    });

    describe('when the API answers 503 three times', () => {
      it('answers 502 UPSTREAM_UNAVAILABLE after retrying, and the next event works', async () => {
        fake.setMode('fail', 3);
        const before = fake.requests;
        const res = await post(ctx.app, { event: 'JokeRequest' });
        expect(res.status).toBe(502);
        expect(res.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(fake.requests - before).toBe(3);
        expect((await post(ctx.app, { event: 'JokeRequest' })).status).toBe(200);
      });
    });

    describe('when the API stalls', () => {
      it('answers 504 UPSTREAM_TIMEOUT', async () => {
        const quick = setup({ OFFLINE_FALLBACK: 'off', UPSTREAM_TIMEOUT_MS: '150' });
        fake.setMode('stall', 1);
        const res = await post(quick.app, { event: 'JokeRequest' });
        quick.client.close();
        expect(res.status).toBe(504);
        expect(res.body.error.code).toBe('UPSTREAM_TIMEOUT');
      });
    });

    describe('when the API answers garbage', () => {
      it('answers 502 UPSTREAM_BAD_RESPONSE', async () => {
        fake.setMode('garbage', 1);
        const res = await post(ctx.app, { event: 'JokeRequest', term: 'cat' });
        expect(res.status).toBe(502);
        expect(res.body.error.code).toBe('UPSTREAM_BAD_RESPONSE');
      });
    });
  });
});
