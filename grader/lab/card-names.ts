import { allStrings } from './read-answer';

const VALUES = ['ACE', '2', '3', '4', '5', '6', '7', '8', '9', '10', 'JACK', 'QUEEN', 'KING'];
const SUITS = ['SPADES', 'DIAMONDS', 'CLUBS', 'HEARTS'];
// "6 of CLUBS", "King of hearts", "10 of Diamonds", anywhere in a text.
const NAMED = /\b(ace|king|queen|jack|10|[2-9])\s+of\s+(spades|hearts|diamonds|clubs)\b/gi;

/** "VALUE of SUIT" in the API's spelling. */
export const cardName = (value: string, suit: string): string => `${value.toUpperCase()} of ${suit.toUpperCase()}`;

/**
 * Every card an answer names, in any reasonable way: "6 of CLUBS" in a text (the lab's snippet),
 * or an object with value (or rank) and suit fields (as the API itself sends cards).
 */
export function cardsNamed(json: unknown): Set<string> {
  const found = new Set<string>();
  for (const text of allStrings(json)) for (const m of text.matchAll(NAMED)) found.add(cardName(m[1]!, m[2]!));
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
    const value = String(o.value ?? o.rank ?? '').toUpperCase();
    const suit = String(o.suit ?? '').toUpperCase();
    if (VALUES.includes(value) && SUITS.includes(suit)) found.add(cardName(value, suit));
    Object.values(v).forEach(visit);
  };
  visit(json);
  return found;
}
