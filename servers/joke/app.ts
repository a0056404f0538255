import Joi from 'joi';
import { createWebhookApp, type WebhookApp } from '../lib/pipeline/create-webhook-app';
import { defineEvent } from '../lib/pipeline/event-handler';
import { createApiClient, type ApiClient } from '../lib/upstream/create-api-client';
import { createCircuitBreaker } from '../lib/upstream/circuit-breaker';
import { eventSchema } from '../lib/pipeline/envelope-schema';
import { AppError } from '../lib/errors';
import type { ServerDeps } from '../lib/server/run-server';
import { createJokeApi } from './joke-api';
import { createOfflineJokes, type Joke, type JokeSource } from './jokes';

export interface JokeDeps extends ServerDeps {
  /** Injected in tests (e.g. with a short retry delay); built from config when not given. */
  apiClient?: ApiClient;
  jokeApi?: JokeSource;
  offlineJokes?: JokeSource;
}

/** What a source answered, and which source it was. */
interface Found {
  joke: Joke | undefined;
  source: 'icanhazdadjoke' | 'offline';
  fallback_reason?: string;
}

const find = (source: JokeSource, term?: string): Promise<Joke | undefined> => (term === undefined ? source.random() : source.search(term));

/**
 * Step 2 of the lab: an event triggers a call to a public API, and the answer goes back to
 * the sender. `{"event":"JokeRequest"}` → a dad joke from icanhazdadjoke; add `"term":"cat"`
 * to search. When the API cannot be reached, the bundled jokes answer instead (source "offline").
 */
export function buildApp({ config, logger, apiClient, jokeApi, offlineJokes }: JokeDeps): WebhookApp {
  // One client for the server's lifetime: its keep-alive sockets make the next call faster.
  const client =
    apiClient ?? createApiClient({ api: 'icanhazdadjoke', baseURL: config.jokeApiUrl, timeoutMs: config.upstreamTimeoutMs, logger });
  const api = jokeApi ?? createJokeApi(client);
  const offline = offlineJokes ?? createOfflineJokes();
  // Remembers a dead API for OFFLINE_RETRY_S, so a classroom without internet answers instantly.
  const breaker = createCircuitBreaker({
    api: 'icanhazdadjoke',
    enabled: config.offlineFallback,
    openForMs: config.offlineRetryS * 1000,
    logger,
  });

  return createWebhookApp({
    server: 'joke',
    config,
    logger,
    events: [
      defineEvent({
        name: 'JokeRequest',
        logged: ['term'], // in its WEBHOOK_RECEIVED line
        // Validated before handle() runs: a bad term is a 422 and never reaches the API.
        schema: eventSchema<{ term?: string }>({ term: Joi.string().min(1).max(100).pattern(/\S/) }),
        async handle({ term }) {
          const found = await breaker.run<Found>(
            async () => ({ joke: await find(api, term), source: 'icanhazdadjoke' }),
            async (reason) => ({ joke: await find(offline, term), source: 'offline', fallback_reason: reason }),
          );
          // No match is not a failure of the API, so it is a 404 rather than a 502.
          if (!found.joke) throw new AppError('NOT_FOUND', `No ${found.source === 'offline' ? 'offline ' : ''}joke matches "${term}".`);
          return { joke: found.joke.joke, id: found.joke.id, source: found.source, term, fallback_reason: found.fallback_reason };
        },
      }),
    ],
    handlerSteps: true, // the live view shows each API attempt
    onClose: [() => client.close()],
  });
}
