import request from '../../test/support/route-request';
import { startFakeCardApi } from '../fake-apis/fake-card-api';
import { drawCards, setupCardApp, type CardTestApp } from '../../test/support/card-test-kit';
import { useFakeApi } from '../../test/support/use-fake-api';

const fake = useFakeApi(() => startFakeCardApi());

type Ctx = CardTestApp;
const setup = (env: Record<string, string>, apiUrl = fake.url): Ctx => setupCardApp(env, apiUrl);
const draw = drawCards;

describe('POST /events', () => {
  describe('with OFFLINE_FALLBACK off', () => {
    let ctx: Ctx;
    beforeEach(() => {
      ctx = setup({ OFFLINE_FALLBACK: 'off' });
    });
    afterEach(() => ctx.client.close());

    describe('when the API answers', () => {
      it('answers the card as "VALUE of SUIT", the cards, remaining, deck_id and source', async () => {
        const res = await draw(ctx.app);
        expect(res.status).toBe(200);
        const [card] = res.body.cards;
        expect(res.body).toMatchObject({
          card: `${card.value} of ${card.suit}`,
          remaining: 51,
          reshuffled: false,
          source: 'deckofcardsapi',
        });
        expect(card).toEqual({ code: expect.any(String), value: expect.any(String), suit: expect.any(String), image: expect.any(String) });
        expect(res.body.fallback_reason).toBeUndefined();
      });

      it('draws from the same deck across events', async () => {
        const before = fake.decksCreated;
        const first = await draw(ctx.app);
        const second = await draw(ctx.app, { count: 5 });
        expect(second.body.deck_id).toBe(first.body.deck_id);
        expect(second.body.remaining).toBe(46);
        expect(second.body.cards).toHaveLength(5);
        expect(fake.decksCreated - before).toBe(1);
      });

      it('gives 52 distinct cards over 52 events, then reshuffles and says so', async () => {
        const seen = new Set<string>();
        for (let i = 0; i < 52; i++) seen.add((await draw(ctx.app)).body.cards[0].code);
        expect(seen.size).toBe(52);
        const next = await draw(ctx.app);
        expect(next.body).toMatchObject({ reshuffled: true, remaining: 51 });
      });

      it('never hands out the same card twice to concurrent events', async () => {
        const answers = await Promise.all(Array.from({ length: 10 }, () => draw(ctx.app, { count: 5 })));
        const codes = answers.flatMap((r) => r.body.cards.map((c: { code: string }) => c.code));
        expect(answers.every((r) => r.status === 200)).toBe(true);
        expect(new Set(codes).size).toBe(50);
      });
    });

    describe.each([
      ['count 0', 0],
      ['count 53', 53],
      ['a fractional count', 1.5],
      ['count as a string', '5'],
    ])('when the event has %s', (_name, count) => {
      it('answers 422 VALIDATION_FAILED naming "count"', async () => {
        const res = await draw(ctx.app, { count });
        expect(res.status).toBe(422);
        expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'count' })]);
      });
    });

    it.each([1, 52])('accepts count %i', async (count) => {
      const res = await draw(ctx.app, { count });
      expect(res.status).toBe(200);
      expect(res.body.cards).toHaveLength(count);
    });

    describe('when the event is not one this server handles', () => {
      it('answers 2xx ignored with the supported events', async () => {
        const res = await request(ctx.app).post('/events').send({ event: 'JokeRequest' });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'ignored', supported: ['CardDraw'] });
      });
    });

    describe('when the API answers 503 three times', () => {
      it('answers 502 UPSTREAM_UNAVAILABLE, and the next event works', async () => {
        fake.setMode('fail', 3);
        const res = await draw(ctx.app);
        expect(res.status).toBe(502);
        expect(res.body.error.code).toBe('UPSTREAM_UNAVAILABLE');
        expect((await draw(ctx.app)).status).toBe(200);
      });
    });

    describe('when the API stalls', () => {
      it('answers 504 UPSTREAM_TIMEOUT', async () => {
        const quick = setup({ OFFLINE_FALLBACK: 'off', UPSTREAM_TIMEOUT_MS: '150' });
        fake.setMode('stall', 1);
        const res = await draw(quick.app);
        quick.client.close();
        expect(res.status).toBe(504);
        expect(res.body.error.code).toBe('UPSTREAM_TIMEOUT');
      });
    });

    describe('when the API answers garbage', () => {
      it('answers 502 UPSTREAM_BAD_RESPONSE', async () => {
        fake.setMode('garbage', 1);
        const res = await draw(ctx.app);
        expect(res.status).toBe(502);
        expect(res.body.error.code).toBe('UPSTREAM_BAD_RESPONSE');
      });
    });
  });
});
