import axios from 'axios';
import express, { type Express } from 'express';
import Joi from 'joi';
import { checkPayload } from '../../kit/check-payload';
import { jsonBody } from '../../kit/json-body';
import { finishApp, HttpError } from '../../kit/json-errors';
import { runServer, type ServerDeps } from '../../kit/run-server';

/** Step 3, solved: CardDraw {count?} draws from one deck kept across events. */
const envelope = Joi.object({ event: Joi.string().max(100).required() })
  .unknown(true)
  .required();
const cardDraw = Joi.object({ count: Joi.number().integer().min(1).max(52) }).unknown(true);

interface Card {
  code: string;
  value: string;
  suit: string;
  image: string;
}

/** As in step 2: axios's failures as our answers. */
function upstreamError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  const { code, response } = err as { code?: string; response?: { status: number } };
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT')
    return new HttpError(504, 'UPSTREAM_TIMEOUT', 'The card API did not answer in time.');
  if (response) return new HttpError(502, 'UPSTREAM_UNAVAILABLE', `The card API answered HTTP ${response.status}.`);
  return new HttpError(502, 'UPSTREAM_UNAVAILABLE', `The card API could not be reached (${code ?? 'no answer'}).`);
}

export function buildApp({ env, log }: ServerDeps): Express {
  const cards = axios.create({ baseURL: env.cardApiUrl, timeout: env.upstreamTimeoutMs, headers: { Accept: 'application/json' } });

  // (1) The state: it lives as long as the server, not as long as one request.
  let deck: { id: string; remaining: number } | undefined;

  async function newDeck(): Promise<{ id: string; remaining: number }> {
    const { data } = await cards.get('/api/deck/new/shuffle/', { params: { deck_count: 1 } });
    if (typeof data?.deck_id !== 'string') throw new HttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The card API did not give us a deck.');
    return { id: data.deck_id, remaining: Number(data.remaining) };
  }

  // (3) A fresh deck the first time, and when this draw would run out of cards.
  async function draw(count: number): Promise<{ cards: Card[]; reshuffled: boolean; deckId: string; remaining: number }> {
    const reshuffled = deck !== undefined && deck.remaining < count;
    if (deck === undefined || reshuffled) deck = await newDeck();
    const { data } = await cards.get(`/api/deck/${deck.id}/draw/`, { params: { count } });
    if (!Array.isArray(data?.cards) || data.cards.length !== count)
      throw new HttpError(502, 'UPSTREAM_BAD_RESPONSE', 'The card API did not deal the cards.');
    deck.remaining = Number(data.remaining);
    return { cards: data.cards, reshuffled, deckId: deck.id, remaining: deck.remaining };
  }

  // Two webhooks at the same moment must not both decide the deck needs replacing: one at a time.
  let queue: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const turn = queue.then(work, work);
    queue = turn.catch(() => undefined);
    return turn;
  }

  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', server: 'card' });
  });

  app.post('/events', jsonBody(), async (req, res) => {
    const { event } = checkPayload(envelope, req.body);
    log('WEBHOOK_RECEIVED', { event, bytes: req.get('content-length'), source: req.ip });
    if (event !== 'CardDraw') {
      res.json({ status: 'ignored', reason: `The card server does not handle ${event} events.`, supported: ['CardDraw'] });
      return;
    }
    // (2) convert is off in checkPayload: "5" is a string, not a count.
    const { count = 1 } = checkPayload(cardDraw, req.body);
    try {
      const dealt = await oneAtATime(() => draw(count));
      log('API_CALL', { api: 'deckofcardsapi', count, deck_id: dealt.deckId, remaining: dealt.remaining });
      // (4) The lab's one-line answer, value + " of " + suit of the (first) card, then the details.
      const [first] = dealt.cards;
      res.json({
        card: first && `${first.value} of ${first.suit}`,
        cards: dealt.cards.map(({ code, value, suit, image }) => ({ code, value, suit, image })),
        remaining: dealt.remaining,
        deck_id: dealt.deckId,
        reshuffled: dealt.reshuffled,
        source: 'deckofcardsapi',
      });
    } catch (err) {
      const answer = upstreamError(err);
      log('API_ERROR', { api: 'deckofcardsapi', code: answer.code });
      throw answer;
    }
  });

  finishApp(app, log);
  return app;
}

if (require.main === module) runServer({ name: 'card', port: 8002 }, buildApp);
