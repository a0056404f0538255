import Joi from 'joi';
import type { ApiClient } from '../lib/upstream/create-api-client';
import { ALL_CODES, CARD_CODE, SUITS, VALUES, type Card } from './cards';
import type { DeckStore } from './deck-store';

// deck_id goes back into a URL path: accept only the API's plain alphanumeric ids.
const deckId = Joi.string().pattern(/^[A-Za-z0-9]{1,64}$/);

const deckSchema = Joi.object({
  success: Joi.valid(true).required(),
  deck_id: deckId.required(),
  remaining: Joi.number().integer().min(0).max(52).required(),
});

const cardSchema = Joi.object({
  code: Joi.string().pattern(CARD_CODE).required(),
  value: Joi.valid(...VALUES).required(),
  suit: Joi.valid(...SUITS).required(),
  image: Joi.string().max(500).required(),
});

// A draw answers cards (success false only when fewer remained than asked), or
// 404 {"success":false,"error":"Deck ID does not exist."} for a deck the API no longer has.
const drawSchema = Joi.alternatives().try(
  Joi.object({
    deck_id: deckId.required(),
    cards: Joi.array().items(cardSchema).max(52).required(),
    remaining: Joi.number().integer().min(0).max(52).required(),
  }),
  Joi.object({ success: Joi.valid(false).required(), error: Joi.string().required() }),
);

type DrawBody = { cards: Card[]; remaining: number } | { success: false; error: string };

/** deckofcardsapi.com through the shared API client; every answer checked with joi. */
export function createRemoteDeckStore(client: ApiClient): DeckStore {
  const deckPath = (id: string, action: string): string => `/api/deck/${encodeURIComponent(id)}/${action}/`;
  const remaining = async (path: string, params?: Record<string, string>): Promise<{ remaining: number }> => {
    const body = await client.getJson<{ remaining: number }>(path, params, deckSchema);
    return { remaining: body.remaining };
  };

  return {
    source: 'deckofcardsapi',
    async open() {
      const body = await client.getJson<{ deck_id: string; remaining: number }>('/api/deck/new/shuffle/', { deck_count: 1 }, deckSchema);
      return { deckId: body.deck_id, remaining: body.remaining };
    },
    async draw(id, count) {
      const body = await client.getJson<DrawBody>(deckPath(id, 'draw'), { count }, drawSchema, { acceptStatus: [404] });
      if (!('cards' in body)) return null;
      // Keep only the fields we document; the API also sends `images`.
      return { cards: body.cards.map(({ code, value, suit, image }) => ({ code, value, suit, image })), remaining: body.remaining };
    },
    async reshuffle(id, keepOut) {
      // shuffle/ alone returns every drawn card; to keep a hand out, return the others first.
      if (keepOut.length === 0) return remaining(deckPath(id, 'shuffle'));
      await remaining(deckPath(id, 'return'), { cards: ALL_CODES.filter((c) => !keepOut.includes(c)).join(',') });
      return remaining(deckPath(id, 'shuffle'), { remaining: 'true' });
    },
  };
}
