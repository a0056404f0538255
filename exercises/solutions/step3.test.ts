import { startFakeCardApi } from '../../servers/fake-apis/fake-card-api';
import { useFakeApi } from '../../test/support/use-fake-api';
import { CARD_NAME } from '../../grader/hooklab/checks/card-name';
import { buildApp } from './step3/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, type Served } from './test-support';

describe('step 3 solution: CardDraw from one deck kept across events', () => {
  const cardApi = useFakeApi(() => startFakeCardApi());
  let server: Served;
  const start = async (): Promise<Served> =>
    serve(buildApp({ env: exerciseEnv({ CARD_API_URL: cardApi.url, UPSTREAM_TIMEOUT_MS: '300' }), log: captureLog().log }));
  beforeEach(async () => {
    server = await start(); // a fresh server: a fresh deck
  });
  afterEach(() => server.close());

  it('answers a card named like "6 of CLUBS", and the next draw comes from the same deck', async () => {
    const first = await postEvent(server.url, { event: 'CardDraw' });
    expect(first).toMatchObject({ status: 200, body: { card: expect.stringMatching(CARD_NAME), remaining: 51, reshuffled: false } });
    const second = await postEvent(server.url, { event: 'CardDraw' });
    expect(second.body).toMatchObject({ deck_id: first.body.deck_id, remaining: 50 });
    expect(second.body.cards[0].code).not.toBe(first.body.cards[0].code);
  });

  it('draws five different cards with "count": 5', async () => {
    const { body } = await postEvent(server.url, { event: 'CardDraw', count: 5 });
    expect(new Set(body.cards.map((c: { code: string }) => c.code)).size).toBe(5);
  });

  it.each([[0], [53], ['5'], [1.5]])('refuses the count %p with 422 naming "count"', async (count) => {
    const answer = await postEvent(server.url, { event: 'CardDraw', count });
    expectError(answer, 422, 'VALIDATION_FAILED');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'count' })]);
  });

  it('takes a fresh shuffled deck when too few cards remain', async () => {
    const all = await postEvent(server.url, { event: 'CardDraw', count: 50 });
    const next = await postEvent(server.url, { event: 'CardDraw', count: 3 });
    expect(next.body).toMatchObject({ reshuffled: true, remaining: 49 });
    expect(next.body.deck_id).not.toBe(all.body.deck_id);
  });

  it('deals ten events that arrive at once from one deck, each a different card', async () => {
    const decksBefore = cardApi.decksCreated;
    const answers = await Promise.all(Array.from({ length: 10 }, () => postEvent(server.url, { event: 'CardDraw' })));
    expect(new Set(answers.map((a) => a.body.deck_id)).size).toBe(1);
    expect(new Set(answers.map((a) => a.body.cards[0].code)).size).toBe(10);
    expect(cardApi.decksCreated - decksBefore).toBe(1);
  });

  it('answers 502 when the API answers 503, and 504 when it never answers', async () => {
    cardApi.setMode('fail');
    expectError(await postEvent(server.url, { event: 'CardDraw' }), 502, 'UPSTREAM_UNAVAILABLE');
    cardApi.setMode('stall');
    expectError(await postEvent(server.url, { event: 'CardDraw' }), 504, 'UPSTREAM_TIMEOUT');
  });

  it('acknowledges an event it does not handle with 200 ignored', async () => {
    expect(await postEvent(server.url, { event: 'JokeRequest' })).toMatchObject({ status: 200, body: { status: 'ignored' } });
  });
});
