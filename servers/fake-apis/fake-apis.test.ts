import { startFakeJokeApi } from './fake-joke-api';
import { OFFLINE_JOKES } from '../joke/jokes';
import { startFakeCardApi, type FakeCardApi } from './fake-card-api';
import type { FakeApi } from './start-fake-server';

// Loose on purpose: these tests read whichever fields the stand-in sends.
type Json = Record<string, unknown> & { cards: Array<{ code: string }>; deck_id: string; remaining: number };

async function getJson(url: string): Promise<{ status: number; body: Json }> {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  return { status: res.status, body: (await res.json()) as Json };
}

describe('startFakeJokeApi', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startFakeJokeApi({
      jokes: [
        { id: 'a1', joke: 'A cat joke.' },
        { id: 'b2', joke: 'A dog joke.' },
      ],
    });
  });
  afterAll(() => api.close());

  it('answers GET / like icanhazdadjoke', async () => {
    expect(await getJson(`${api.url}/`)).toEqual({ status: 200, body: { id: 'a1', joke: 'A cat joke.', status: 200 } });
  });

  it('answers GET /search with a page of results', async () => {
    const { body } = await getJson(`${api.url}/search?term=CAT&limit=5`);
    expect(body).toMatchObject({
      current_page: 1,
      limit: 5,
      results: [{ id: 'a1', joke: 'A cat joke.' }],
      search_term: 'cat',
      total_jokes: 1,
      total_pages: 1,
    });
  });

  it('serves the bundled jokes under ids of its own by default, so an id tells where a joke came from', async () => {
    const standIn = await startFakeJokeApi();
    try {
      const { body } = await getJson(`${standIn.url}/`);
      expect(body.id).toBe('fake-01');
      expect(body.joke).toBe(OFFLINE_JOKES[0]!.joke);
    } finally {
      await standIn.close();
    }
  });

  it('answers 503 in fail mode for the given number of requests, then recovers', async () => {
    api.setMode('fail', 1);
    expect((await getJson(`${api.url}/`)).status).toBe(503);
    expect((await getJson(`${api.url}/`)).status).toBe(200);
  });

  it('answers HTML in garbage mode', async () => {
    api.setMode('garbage', 1);
    const res = await fetch(`${api.url}/`);
    expect(res.headers.get('content-type')).toBe('text/html');
  });

  describe('its control, POST /__mode/<mode>', () => {
    afterEach(() => api.setMode('ok'));
    const post = (path: string) => fetch(`${api.url}${path}`, { method: 'POST' });

    it('switches to fail for the next N requests, then recovers', async () => {
      expect(await (await post('/__mode/fail?times=1')).json()).toEqual({ mode: 'fail', left: 1 });
      expect((await getJson(`${api.url}/`)).status).toBe(503);
      expect((await getJson(`${api.url}/`)).status).toBe(200);
    });

    it('says what it is doing on GET /__mode, and refuses an unknown mode with 400', async () => {
      await post('/__mode/garbage');
      expect(await (await fetch(`${api.url}/__mode`)).json()).toMatchObject({ mode: 'garbage', left: null });
      expect((await post('/__mode/explode')).status).toBe(400);
    });

    it('drops the connection in down mode', async () => {
      await post('/__mode/down');
      await expect(fetch(`${api.url}/`)).rejects.toThrow();
    });

    it('holds a request in hang mode until the mode changes, then closes it', async () => {
      await post('/__mode/hang');
      const before = api.requests;
      const outcome = fetch(`${api.url}/`).then(
        () => 'answered',
        () => 'closed',
      );
      // The request has reached the stand-in once its counter moves; then the mode is switched.
      while (api.requests === before) await new Promise((r) => setImmediate(r));
      await post('/__mode/ok');
      expect(await outcome).toBe('closed');
    });

    it('answers correctly but late in slow mode', async () => {
      await post('/__mode/slow?ms=50');
      expect((await getJson(`${api.url}/`)).status).toBe(200);
    });
  });
});

describe('startFakeCardApi', () => {
  let api: FakeCardApi;
  beforeAll(async () => {
    api = await startFakeCardApi();
  });
  afterAll(() => api.close());

  it('creates a shuffled deck and draws from it like deckofcardsapi', async () => {
    const deck = (await getJson(`${api.url}/api/deck/new/shuffle/?deck_count=1`)).body;
    expect(deck).toEqual({ success: true, deck_id: expect.stringMatching(/^[a-z0-9]+$/), shuffled: true, remaining: 52 });
    const { body } = await getJson(`${api.url}/api/deck/${deck.deck_id}/draw/?count=2`);
    expect(body).toMatchObject({ success: true, deck_id: deck.deck_id, remaining: 50 });
    expect(body.cards[0]).toEqual({
      code: expect.any(String),
      value: expect.any(String),
      suit: expect.any(String),
      image: expect.any(String),
      images: { svg: expect.any(String), png: expect.any(String) },
    });
  });

  it('draws what remains with success false when asked for more', async () => {
    const { deck_id: id } = (await getJson(`${api.url}/api/deck/new/shuffle/`)).body;
    await getJson(`${api.url}/api/deck/${id}/draw/?count=50`);
    const { body } = await getJson(`${api.url}/api/deck/${id}/draw/?count=5`);
    expect(body).toMatchObject({ success: false, remaining: 0, error: 'Not enough cards remaining to draw 5 additional' });
    expect(body.cards).toHaveLength(2);
  });

  it('returns chosen cards, reshuffles the rest, and returns everything on shuffle/', async () => {
    const { deck_id: id } = (await getJson(`${api.url}/api/deck/new/shuffle/`)).body;
    const drawn = (await getJson(`${api.url}/api/deck/${id}/draw/?count=3`)).body.cards.map((c) => c.code);
    expect((await getJson(`${api.url}/api/deck/${id}/return/?cards=${drawn[0]}`)).body.remaining).toBe(50);
    expect((await getJson(`${api.url}/api/deck/${id}/shuffle/?remaining=true`)).body.remaining).toBe(50);
    expect((await getJson(`${api.url}/api/deck/${id}/shuffle/`)).body.remaining).toBe(52);
  });

  it('answers 404 for a deck it does not know', async () => {
    expect(await getJson(`${api.url}/api/deck/nosuchdeck/draw/?count=1`)).toEqual({
      status: 404,
      body: { success: false, error: 'Deck ID does not exist.' },
    });
  });
});
