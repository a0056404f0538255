import crypto from 'node:crypto';
import { fullDeck, shuffle, type Card } from '../card/cards';
import { startFakeServer, type FakeAnswer, type FakeApi, type FakeServerOptions } from './start-fake-server';

/** The card stand-in, which can also forget its decks (as the real API does after a while). */
export interface FakeCardApi extends FakeApi {
  /** Deletes every deck: the next draw on an old deck_id answers 404 "Deck ID does not exist.". */
  forgetDecks(): void;
  /** Decks created so far. */
  readonly decksCreated: number;
}

interface FakeDeck {
  pile: Card[];
  drawn: Card[];
}

const ROUTE = /^\/api\/deck\/([A-Za-z0-9]+)\/(shuffle|draw|return)\/?$/;

function withImages(card: Card): Card & { images: { svg: string; png: string } } {
  return { ...card, images: { svg: card.image.replace(/\.png$/, '.svg'), png: card.image } };
}

/**
 * A stand-in for deckofcardsapi.com with the same paths and fields: new/shuffle, new/draw,
 * <id>/draw?count, <id>/shuffle[?remaining=true], <id>/return[?cards=…], and 404 for a deck it
 * does not know.
 */
export async function startFakeCardApi(options: FakeServerOptions = {}): Promise<FakeCardApi> {
  const decks = new Map<string, FakeDeck>();
  let decksCreated = 0;

  const info = (id: string, deck: FakeDeck, shuffled: boolean): FakeAnswer => ({
    status: 200,
    body: { success: true, deck_id: id, shuffled, remaining: deck.pile.length },
  });

  function draw(id: string, deck: FakeDeck, count: number): FakeAnswer {
    const cards = deck.pile.splice(0, count);
    deck.drawn.push(...cards);
    const body: Record<string, unknown> = {
      success: cards.length === count,
      deck_id: id,
      cards: cards.map(withImages),
      remaining: deck.pile.length,
    };
    if (cards.length < count) body.error = `Not enough cards remaining to draw ${count} additional`;
    return { status: 200, body };
  }

  const api = await startFakeServer((url) => {
    const count = Math.max(1, Number(url.searchParams.get('count')) || 1);
    if (/^\/api\/deck\/new(\/shuffle|\/draw)?\/?$/.test(url.pathname)) {
      const id = crypto.randomBytes(6).toString('hex');
      const deck: FakeDeck = { pile: /shuffle|draw/.test(url.pathname) ? shuffle(fullDeck()) : fullDeck(), drawn: [] };
      decks.set(id, deck);
      decksCreated += 1;
      return url.pathname.includes('/draw') ? draw(id, deck, count) : info(id, deck, url.pathname.includes('/shuffle'));
    }
    const [, id = '', action] = ROUTE.exec(url.pathname) ?? [];
    const deck = decks.get(id);
    if (!action) return { status: 404, body: { success: false, error: 'Not found' } };
    if (!deck) return { status: 404, body: { success: false, error: 'Deck ID does not exist.' } };
    if (action === 'draw') return draw(id, deck, count);
    if (action === 'return') {
      const wanted = url.searchParams.get('cards')?.split(',');
      const back = deck.drawn.filter((c) => !wanted || wanted.includes(c.code));
      deck.drawn = deck.drawn.filter((c) => !back.includes(c));
      deck.pile.push(...back);
      return info(id, deck, false);
    }
    if (url.searchParams.get('remaining') !== 'true') {
      deck.pile.push(...deck.drawn);
      deck.drawn = [];
    }
    shuffle(deck.pile);
    return info(id, deck, true);
  }, options);

  // defineProperties, not Object.assign: assign would copy the getter's value once.
  return Object.defineProperties(api as FakeCardApi, {
    forgetDecks: { value: () => decks.clear() },
    decksCreated: { get: () => decksCreated },
  });
}
