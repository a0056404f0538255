import { createOfflineJokes, OFFLINE_JOKES } from './jokes';

describe('OFFLINE_JOKES', () => {
  it('holds at least 30 jokes with unique ids and unique text', () => {
    expect(OFFLINE_JOKES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(OFFLINE_JOKES.map((j) => j.id)).size).toBe(OFFLINE_JOKES.length);
    expect(new Set(OFFLINE_JOKES.map((j) => j.joke)).size).toBe(OFFLINE_JOKES.length);
  });
});

describe('createOfflineJokes', () => {
  const jokes = createOfflineJokes();

  it('answers a random bundled joke', async () => {
    expect(OFFLINE_JOKES).toContainEqual(await jokes.random());
  });

  it('searches case-insensitively, like the public API', async () => {
    const hit = await jokes.search('ROUTER');
    expect(hit?.joke.toLowerCase()).toContain('router');
  });

  it('answers undefined when nothing matches', async () => {
    await expect(jokes.search('xylophone')).resolves.toBeUndefined();
  });
});
