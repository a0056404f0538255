import { OFFLINE_JOKES } from './jokes';
import { startFakeJokeApi } from '../fake-apis/fake-joke-api';
import { API_JOKES, postEvent, setupJokeApp, type JokeTestApp } from '../../test/support/joke-test-kit';
import { useFakeApi } from '../../test/support/use-fake-api';

const fake = useFakeApi(() => startFakeJokeApi({ jokes: API_JOKES }));

const setup = (env: Record<string, string>, apiUrl = fake.url): JokeTestApp => setupJokeApp(env, apiUrl);
const post = postEvent;

describe('POST /events', () => {
  describe('with OFFLINE_FALLBACK on', () => {
    describe('when the API cannot be reached', () => {
      let ctx: ReturnType<typeof setup>;
      beforeAll(async () => {
        const gone = await startFakeJokeApi();
        await gone.close(); // a port nobody listens on: connection refused
        ctx = setup({ OFFLINE_FALLBACK: 'on', OFFLINE_RETRY_S: '60' }, gone.url);
      });
      afterAll(() => ctx.client.close());

      it('answers a bundled joke with source offline and the reason', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', fallback_reason: expect.stringContaining('ECONNREFUSED') });
        expect(OFFLINE_JOKES.map((j) => j.id)).toContain(res.body.id);
        const types = ctx.log.lines().map((l) => l.split(' ')[0]);
        expect(types.indexOf('API_ERROR')).toBeLessThan(types.lastIndexOf('API_CALL'));
        expect(ctx.log.of('API_CALL').at(-1)).toContain('api=offline');
      });

      it('answers the next events offline without calling the API again', async () => {
        ctx.log.clear();
        const res = await post(ctx.app, { event: 'JokeRequest' });
        expect(res.body).toMatchObject({ source: 'offline', fallback_reason: expect.stringContaining('trying it again in') });
        expect(ctx.log.of('API_CALL')).toEqual([expect.stringContaining('api=offline')]);
      });

      it('searches the bundled jokes too', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest', term: 'CAT' });
        expect(res.status).toBe(200);
        expect(res.body.joke.toLowerCase()).toContain('cat');
      });

      it('answers 404 NOT_FOUND when no bundled joke matches', async () => {
        const res = await post(ctx.app, { event: 'JokeRequest', term: 'zebra' });
        expect(res.status).toBe(404);
        expect(res.body.error.message).toBe('No offline joke matches "zebra".');
      });
    });

    describe.each([
      ['answers 503', 'fail'],
      ['stalls', 'stall'],
      ['answers garbage', 'garbage'],
    ] as const)('when the API %s', (_name, mode) => {
      it('answers offline', async () => {
        const ctx = setup({ OFFLINE_FALLBACK: 'on', UPSTREAM_TIMEOUT_MS: '200' });
        fake.setMode(mode);
        const res = await post(ctx.app, { event: 'JokeRequest' });
        ctx.client.close();
        expect(res.status).toBe(200);
        expect(res.body.source).toBe('offline');
        expect(ctx.log.of('API_ERROR')).toHaveLength(1);
      });
    });
  });
});
