import { startFakeJokeApi } from '../../servers/fake-apis/fake-joke-api';
import { useFakeApi } from '../../test/support/use-fake-api';
import { OFFLINE_JOKES } from '../../servers/joke/jokes';
import { freePort } from '../../lab/free-port';
import { buildApp } from './step2/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, type Served } from './test-support';

describe('step 2 solution: JokeRequest → the joke API', () => {
  const jokeApi = useFakeApi(() => startFakeJokeApi());
  let server: Served;
  beforeAll(async () => {
    server = await serve(buildApp({ env: exerciseEnv({ JOKE_API_URL: jokeApi.url, UPSTREAM_TIMEOUT_MS: '300' }), log: captureLog().log }));
  });
  afterAll(() => server.close());

  it('answers with the joke the API gave, asking it for JSON', async () => {
    const answer = await postEvent(server.url, { event: 'JokeRequest' });
    expect(answer).toMatchObject({ status: 200, body: { source: 'icanhazdadjoke' } });
    expect(OFFLINE_JOKES.map((j) => j.joke)).toContain(answer.body.joke);
    expect(jokeApi.lastHeaders?.accept).toBe('application/json');
  });

  it('searches with a term, and answers 404 NOT_FOUND when nothing matches', async () => {
    const found = await postEvent(server.url, { event: 'JokeRequest', term: 'router' });
    expect([found.status, found.body.joke.toLowerCase()]).toEqual([200, expect.stringContaining('router')]);
    expectError(await postEvent(server.url, { event: 'JokeRequest', term: 'zebra-unicycle' }), 404, 'NOT_FOUND');
  });

  it.each([[42], [''], [['cat']]])('refuses the term %p with 422 naming "term"', async (term) => {
    const answer = await postEvent(server.url, { event: 'JokeRequest', term });
    expectError(answer, 422, 'VALIDATION_FAILED');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'term' })]);
  });

  it('acknowledges an event it does not handle with 200 ignored', async () => {
    expect(await postEvent(server.url, { event: 'CardDraw' })).toMatchObject({
      status: 200,
      body: { status: 'ignored', supported: ['JokeRequest'] },
    });
  });

  describe('when the API fails', () => {
    it('answers 502 UPSTREAM_UNAVAILABLE when it answers 503', async () => {
      jokeApi.setMode('fail');
      expectError(await postEvent(server.url, { event: 'JokeRequest' }), 502, 'UPSTREAM_UNAVAILABLE');
    });

    it('answers 502 UPSTREAM_BAD_RESPONSE when it answers an HTML page', async () => {
      jokeApi.setMode('garbage');
      expectError(await postEvent(server.url, { event: 'JokeRequest' }), 502, 'UPSTREAM_BAD_RESPONSE');
    });

    it('answers 504 UPSTREAM_TIMEOUT when it never answers', async () => {
      jokeApi.setMode('stall');
      expectError(await postEvent(server.url, { event: 'JokeRequest' }), 504, 'UPSTREAM_TIMEOUT');
    });

    it('answers 502 UPSTREAM_UNAVAILABLE when nothing listens there', async () => {
      const nowhere = await serve(
        buildApp({ env: exerciseEnv({ JOKE_API_URL: `http://127.0.0.1:${await freePort()}` }), log: captureLog().log }),
      );
      try {
        expectError(await postEvent(nowhere.url, { event: 'JokeRequest' }), 502, 'UPSTREAM_UNAVAILABLE');
      } finally {
        await nowhere.close();
      }
    });
  });
});
