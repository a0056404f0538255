import type { Card } from './cards';

/** A deck as the store knows it. */
export interface DeckState {
  deckId: string;
  remaining: number;
}

/**
 * The few primitives a deck needs, implemented twice: by deckofcardsapi (remote-deck-store.ts)
 * and in memory (local-deck-store.ts). The rules built on top of them live once, in
 * create-deck.ts, which is what makes the two sources behave the same.
 */
export interface DeckStore {
  /** The `source` an answer names: 'deckofcardsapi' or 'offline'. */
  readonly source: string;
  /** A new shuffled 52-card deck. */
  open(): Promise<DeckState>;
  /** Up to `count` cards off the top; null when the store no longer knows this deck. */
  draw(deckId: string, count: number): Promise<{ cards: Card[]; remaining: number } | null>;
  /** Puts every card back except `keepOut` (cards in the hand being dealt) and shuffles. */
  reshuffle(deckId: string, keepOut: readonly string[]): Promise<{ remaining: number }>;
}
