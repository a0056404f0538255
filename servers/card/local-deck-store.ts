import crypto from 'node:crypto';
import { fullDeck, shuffle, type Card } from './cards';
import type { DeckStore } from './deck-store';

/**
 * An in-memory deck for when deckofcardsapi cannot be reached: 52 unique cards, shuffled with
 * crypto.randomInt. It keeps one deck at a time, as the card server only ever uses one.
 */
export function createLocalDeckStore(): DeckStore {
  let deckId = '';
  let pile: Card[] = [];

  const known = (id: string): boolean => id === deckId && deckId !== '';

  return {
    source: 'offline',
    async open() {
      deckId = `offline-${crypto.randomBytes(6).toString('hex')}`;
      pile = shuffle(fullDeck());
      return { deckId, remaining: pile.length };
    },
    async draw(id, count) {
      if (!known(id)) return null;
      const cards = pile.splice(0, count);
      return { cards, remaining: pile.length };
    },
    async reshuffle(id, keepOut) {
      if (!known(id)) throw new Error(`Unknown offline deck ${id}`);
      pile = shuffle(fullDeck().filter((c) => !keepOut.includes(c.code)));
      return { remaining: pile.length };
    },
  };
}
