import { OFFLINE_JOKES, type Joke } from '../joke/jokes';
import { startFakeServer, type FakeApi, type FakeServerOptions } from './start-fake-server';

export interface FakeJokeApiOptions extends FakeServerOptions {
  /** The jokes it serves (default: the bundled jokes, under ids of its own). */
  jokes?: readonly Joke[];
}

/**
 * The bundled jokes with the stand-in's own ids (fake-01 …): an id says where the joke came
 * from, so a joke from this API never reads like the joke server's offline fallback.
 */
export const STAND_IN_JOKES: readonly Joke[] = OFFLINE_JOKES.map((j) => ({ id: j.id.replace(/^offline-/, 'fake-'), joke: j.joke }));

/**
 * A stand-in for icanhazdadjoke.com with the same paths and JSON fields:
 * `GET /` → {id, joke, status} and `GET /search?term=&limit=&page=` → a page of results.
 * Jokes come from a fixed list (no randomness needed: tests read `id`).
 */
export function startFakeJokeApi(options: FakeJokeApiOptions = {}): Promise<FakeApi> {
  const jokes = options.jokes ?? STAND_IN_JOKES;
  let next = 0;
  return startFakeServer((url) => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/') {
      const joke = jokes[next++ % jokes.length];
      if (!joke) return { status: 404, body: { status: 404, message: 'No jokes' } };
      return { status: 200, body: { id: joke.id, joke: joke.joke, status: 200 } };
    }
    if (path === '/search') {
      const term = (url.searchParams.get('term') ?? '').toLowerCase();
      const limit = Math.min(30, Math.max(1, Number(url.searchParams.get('limit')) || 20));
      const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
      const matches = jokes.filter((j) => j.joke.toLowerCase().includes(term));
      const totalPages = Math.max(1, Math.ceil(matches.length / limit));
      return {
        status: 200,
        body: {
          current_page: page,
          limit,
          next_page: Math.min(page + 1, totalPages),
          previous_page: Math.max(1, page - 1),
          results: matches.slice((page - 1) * limit, page * limit).map((j) => ({ id: j.id, joke: j.joke })),
          search_term: term,
          status: 200,
          total_jokes: matches.length,
          total_pages: totalPages,
        },
      };
    }
    return { status: 404, body: { status: 404, message: 'Not found' } };
  }, options);
}
