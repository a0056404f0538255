import crypto from 'node:crypto';
import Joi from 'joi';
import type { ApiClient } from '../lib/upstream/create-api-client';
import type { Joke, JokeSource } from './jokes';

const jokeSchema = Joi.object({
  id: Joi.string().min(1).max(64).required(),
  joke: Joi.string().min(1).max(2000).required(),
});

/** `GET /` with Accept: application/json. */
const randomSchema = jokeSchema;

/** `GET /search?term=…`: one page of results and the total. */
const searchSchema = Joi.object({
  results: Joi.array().items(jokeSchema).required(),
  total_jokes: Joi.number().integer().min(0).required(),
});

/** The page size asked for; the API allows at most 30. */
const SEARCH_LIMIT = 30;

/**
 * icanhazdadjoke through the shared API client: a random joke, or one random joke among the
 * first page of matches for a term. Every body is checked with joi before it is trusted.
 */
export function createJokeApi(client: ApiClient): JokeSource {
  return {
    async random() {
      const body = await client.getJson<Joke>('/', undefined, randomSchema);
      return { id: body.id, joke: body.joke };
    },
    async search(term) {
      const body = await client.getJson<{ results: Joke[] }>('/search', { term, limit: SEARCH_LIMIT, page: 1 }, searchSchema);
      const hit = body.results.length > 0 ? body.results[crypto.randomInt(body.results.length)] : undefined;
      return hit && { id: hit.id, joke: hit.joke };
    },
  };
}
