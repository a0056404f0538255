import { AppError } from '../lib/errors';
import type { Card } from './cards';
import type { DeckState, DeckStore } from './deck-store';
import { createSerialQueue } from './serial-queue';

/** One draw, as the card server answers it. */
export interface Draw {
  cards: Card[];
  remaining: number;
  deckId: string;
  /** True when the deck ran out and was reshuffled during this draw. */
  reshuffled: boolean;
  source: string;
}

/** A deck that lasts across events. */
export interface Deck {
  readonly source: string;
  /** Draws `count` (1..52) cards; safe to call concurrently. */
  draw(count: number): Promise<Draw>;
}

// Normal draws need at most two rounds (finish the deck, then the reshuffled one); a third
// covers the API having forgotten our deck. More means the upstream is misbehaving.
const MAX_ROUNDS = 4;

/**
 * The deck rules, written once for both stores: the deck is opened on first use and reused;
 * a deck with no cards left is reshuffled; a draw larger than what remains finishes the deck and
 * continues on the reshuffled one, keeping the cards already in this hand out of it so one
 * answer never holds the same card twice. Draws are queued, so concurrent events never share a card.
 */
export function createDeck(store: DeckStore): Deck {
  const queue = createSerialQueue();
  let deck: DeckState | undefined;

  async function drawNow(count: number): Promise<Draw> {
    deck ??= await store.open();
    const hand: Card[] = [];
    let reshuffled = false;
    for (let round = 0; hand.length < count; round++) {
      if (round === MAX_ROUNDS)
        throw new AppError('UPSTREAM_BAD_RESPONSE', `${store.source} kept dealing fewer cards than it said it had.`);
      if (deck.remaining === 0) {
        deck.remaining = (
          await store.reshuffle(
            deck.deckId,
            hand.map((c) => c.code),
          )
        ).remaining;
        reshuffled = true;
      }
      const got = await store.draw(deck.deckId, Math.min(count - hand.length, deck.remaining));
      if (got === null) {
        deck = await store.open(); // the store forgot our deck (deckofcardsapi expires idle decks)
        continue;
      }
      hand.push(...got.cards);
      deck.remaining = got.remaining;
    }
    return { cards: hand, remaining: deck.remaining, deckId: deck.deckId, reshuffled, source: store.source };
  }

  return {
    source: store.source,
    draw: (count) => queue.run(() => drawNow(count)),
  };
}
