import { startFakeCardApi } from '../fake-apis/fake-card-api';
import { drawCards, setupCardApp, type CardTestApp } from '../../test/support/card-test-kit';
import { useFakeApi } from '../../test/support/use-fake-api';

const fake = useFakeApi(() => startFakeCardApi());

type Ctx = CardTestApp;
const setup = (env: Record<string, string>, apiUrl = fake.url): Ctx => setupCardApp(env, apiUrl);
const draw = drawCards;

describe('POST /events', () => {
  describe('with OFFLINE_FALLBACK on', () => {
    describe('when the API cannot be reached', () => {
      let ctx: Ctx;
      beforeAll(async () => {
        const gone = await startFakeCardApi();
        await gone.close();
        ctx = setup({ OFFLINE_FALLBACK: 'on', OFFLINE_RETRY_S: '60' }, gone.url);
      });
      afterAll(() => ctx.client.close());

      it('draws from a local deck with source offline and the reason', async () => {
        const res = await draw(ctx.app);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', remaining: 51, deck_id: expect.stringMatching(/^offline-/) });
        expect(res.body.fallback_reason).toContain('ECONNREFUSED');
        expect(res.body.card).toBe(`${res.body.cards[0].value} of ${res.body.cards[0].suit}`);
        expect(ctx.log.of('API_ERROR')).toHaveLength(1);
      });

      it('keeps the local deck across events: 52 distinct cards, then a reshuffle', async () => {
        const first = await draw(ctx.app, { count: 50 }); // the first test drew 1 already
        const last = await draw(ctx.app);
        expect(new Set([...first.body.cards, ...last.body.cards].map((c: { code: string }) => c.code)).size).toBe(51);
        expect(last.body).toMatchObject({ remaining: 0, deck_id: first.body.deck_id });
        expect((await draw(ctx.app)).body).toMatchObject({ reshuffled: true, remaining: 51 });
        expect(ctx.log.of('API_ERROR')).toHaveLength(1); // the circuit breaker skipped the API
      });
    });

    describe('when the API answers 503', () => {
      it('answers from the local deck', async () => {
        const ctx = setup({ OFFLINE_FALLBACK: 'on' });
        fake.setMode('fail');
        const res = await draw(ctx.app, { count: 3 });
        ctx.client.close();
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', remaining: 49 });
      });
    });
  });
});
