import { createDeck, type Deck } from './create-deck';
import { createLocalDeckStore } from './local-deck-store';
import { createRemoteDeckStore } from './remote-deck-store';
import { CARD_CODE } from './cards';
import { createApiClient, type ApiClient } from '../lib/upstream/create-api-client';
import { startFakeCardApi, type FakeCardApi } from '../fake-apis/fake-card-api';
import { captureLog } from '../fake-apis/capture-log';

let fake: FakeCardApi;
let client: ApiClient;
beforeAll(async () => {
  fake = await startFakeCardApi();
  client = createApiClient({ api: 'deckofcardsapi', baseURL: fake.url, timeoutMs: 2000, logger: captureLog().logger, retryBaseMs: 5 });
});
afterAll(async () => {
  client.close();
  await fake.close();
});

const codes = (draw: { cards: Array<{ code: string }> }): string[] => draw.cards.map((c) => c.code);

// The same rules, checked against both stores: that is the point of one createDeck.
describe.each([
  ['the local deck', () => createDeck(createLocalDeckStore()), 'offline'],
  ['the remote deck', () => createDeck(createRemoteDeckStore(client)), 'deckofcardsapi'],
] as const)('createDeck with %s', (_name, makeDeck, source) => {
  let deck: Deck;
  beforeEach(() => {
    deck = makeDeck();
  });

  it('deals 52 distinct cards one by one, then reshuffles and says so', async () => {
    const seen = new Set<string>();
    let last;
    for (let i = 0; i < 52; i++) {
      last = await deck.draw(1);
      expect(last.reshuffled).toBe(false);
      seen.add(codes(last)[0] ?? '');
    }
    expect(seen.size).toBe(52);
    expect([...seen].every((c) => CARD_CODE.test(c))).toBe(true);
    expect(last?.remaining).toBe(0);
    const next = await deck.draw(1);
    expect(next).toMatchObject({ reshuffled: true, remaining: 51, deckId: last?.deckId, source });
  });

  it('finishes the deck and continues on the reshuffled one, never repeating a card in one hand', async () => {
    await deck.draw(50);
    const draw = await deck.draw(5);
    expect(draw.cards).toHaveLength(5);
    expect(new Set(codes(draw)).size).toBe(5);
    expect(draw).toMatchObject({ reshuffled: true, remaining: 52 - 2 - 3 });
  });

  it('deals a whole deck in one draw of 52', async () => {
    const draw = await deck.draw(52);
    expect(new Set(codes(draw)).size).toBe(52);
    expect(draw.remaining).toBe(0);
  });

  it('never hands out the same card twice to concurrent draws', async () => {
    const draws = await Promise.all(Array.from({ length: 17 }, () => deck.draw(3)));
    const all = draws.flatMap(codes);
    expect(all).toHaveLength(51);
    expect(new Set(all).size).toBe(51);
    expect(draws.map((d) => d.remaining).sort((a, b) => b - a)).toEqual(Array.from({ length: 17 }, (_, i) => 49 - 3 * i));
  });
});

describe('createDeck with the remote deck', () => {
  it('opens one deck and reuses it across draws', async () => {
    const deck = createDeck(createRemoteDeckStore(client));
    const before = fake.decksCreated;
    const first = await deck.draw(1);
    const second = await deck.draw(1);
    expect(second.deckId).toBe(first.deckId);
    expect(fake.decksCreated - before).toBe(1);
  });

  it('opens a new deck when the API has forgotten ours', async () => {
    const deck = createDeck(createRemoteDeckStore(client));
    const first = await deck.draw(1);
    fake.forgetDecks();
    const next = await deck.draw(2);
    expect(next.deckId).not.toBe(first.deckId);
    expect(next).toMatchObject({ remaining: 50, reshuffled: false });
  });
});
