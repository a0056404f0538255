import Joi from 'joi';
import { createWebhookApp, type WebhookApp } from '../lib/pipeline/create-webhook-app';
import { defineEvent } from '../lib/pipeline/event-handler';
import { createApiClient, type ApiClient } from '../lib/upstream/create-api-client';
import { createCircuitBreaker } from '../lib/upstream/circuit-breaker';
import { eventSchema } from '../lib/pipeline/envelope-schema';
import type { ServerDeps } from '../lib/server/run-server';
import { cardName } from './cards';
import { createDeck, type Deck, type Draw } from './create-deck';
import { createRemoteDeckStore } from './remote-deck-store';
import { createLocalDeckStore } from './local-deck-store';
import { createSerialQueue } from './serial-queue';

export interface CardDeps extends ServerDeps {
  /** Injected in tests (e.g. with a short retry delay); built from config when not given. */
  apiClient?: ApiClient;
  remoteDeck?: Deck;
  offlineDeck?: Deck;
}

/**
 * Step 3 of the lab: like the joke server, but the API has state. The server opens one shuffled
 * deck on the first `{"event":"CardDraw"}` and keeps its deck_id, so every later event draws
 * from the same deck until it runs out and is reshuffled. Offline, a local deck plays by the
 * same rules (source "offline").
 */
export function buildApp(deps: CardDeps): WebhookApp {
  const { config, logger } = deps;
  const client =
    deps.apiClient ?? createApiClient({ api: 'deckofcardsapi', baseURL: config.cardApiUrl, timeoutMs: config.upstreamTimeoutMs, logger });
  const remote = deps.remoteDeck ?? createDeck(createRemoteDeckStore(client));
  const offline = deps.offlineDeck ?? createDeck(createLocalDeckStore());
  const breaker = createCircuitBreaker({
    api: 'deckofcardsapi',
    enabled: config.offlineFallback,
    openForMs: config.offlineRetryS * 1000,
    logger,
  });
  // Events wait their turn here, so once the API is found down, the events queued behind the
  // failing one go straight to the offline deck instead of each waiting for its own timeout.
  const turns = createSerialQueue();

  return createWebhookApp({
    server: 'card',
    config,
    logger,
    events: [
      defineEvent({
        name: 'CardDraw',
        logged: ['count'], // in its WEBHOOK_RECEIVED line
        // convert:false in the pipeline: "5" is a string, not a count, and answers 422.
        schema: eventSchema<{ count?: number }>({ count: Joi.number().integer().min(1).max(52) }),
        async handle({ count = 1 }) {
          const draw = await turns.run(() =>
            breaker.run<Draw & { fallback_reason?: string }>(
              () => remote.draw(count),
              async (reason) => ({ ...(await offline.draw(count)), fallback_reason: reason }),
            ),
          );
          const [first] = draw.cards;
          return {
            card: first && cardName(first), // the lab's one-line answer: "KING of HEARTS"
            cards: draw.cards,
            remaining: draw.remaining,
            deck_id: draw.deckId,
            reshuffled: draw.reshuffled,
            source: draw.source,
            fallback_reason: draw.fallback_reason,
          };
        },
      }),
    ],
    handlerSteps: true, // the live view shows each API attempt
    onClose: [() => client.close()],
  });
}
