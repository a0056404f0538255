import crypto from 'node:crypto';

/** One playing card, in deckofcardsapi's fields. */
export interface Card {
  /** e.g. KH, 0S (ten is "0", as the API spells it) */
  code: string;
  value: string;
  suit: string;
  image: string;
}

export const VALUES = ['ACE', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'JACK', 'QUEEN', 'KING'] as const;
export const SUITS = ['SPADES', 'DIAMONDS', 'CLUBS', 'HEARTS'] as const;

/** Card codes as the API writes them: value letter (A, 2..9, 0, J, Q, K) then suit letter. */
export const CARD_CODE = /^[A2-90JQK][SDCH]$/;

const valueCode = (value: string): string => (value === '10' ? '0' : (value[0] ?? '?'));

/**
 * The image URL the API would give for a card. Offline answers use the same form so an answer
 * looks the same whichever source dealt it; nothing is fetched by the server.
 */
export function cardImage(code: string): string {
  return `https://deckofcardsapi.com/static/img/${code}.png`;
}

/** A fresh, ordered 52-card deck. */
export function fullDeck(): Card[] {
  return SUITS.flatMap((suit) =>
    VALUES.map((value) => {
      const code = valueCode(value) + suit[0];
      return { code, value, suit, image: cardImage(code) };
    }),
  );
}

/** Every card code of one deck. */
export const ALL_CODES: readonly string[] = Object.freeze(fullDeck().map((c) => c.code));

/** "KING of HEARTS", as the lab prints a card. */
export function cardName(card: Pick<Card, 'value' | 'suit'>): string {
  return `${card.value} of ${card.suit}`;
}

/** Fisher–Yates with crypto.randomInt: every order equally likely, nothing predictable. */
export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
