// Step 2: JokeRequest -> Dad Jokes API. Run: node joke-server.js 8001
const axios = require('axios');
const { enabled, webhookApp, unrecognized, listen } = require('./common');

const JOKE_API_URL = (process.env.JOKE_API_URL || 'https://icanhazdadjoke.com').replace(/\/+$/, '');

async function fetchJoke(log) {
  const started = Date.now();
  const res = await axios.get(`${JOKE_API_URL}/`, {
    headers: { Accept: 'application/json' },
    ...(enabled('timeout') && { timeout: 3000 }),
  });
  log('API_CALL', { url: JOKE_API_URL, status: res.status, duration_ms: Date.now() - started });
  if (typeof res.data?.joke !== 'string') throw new Error('the answer has no joke');
  return res.data.joke;
}

const { app } = webhookApp('joke', async (event, log) => {
  if (event.event !== 'JokeRequest') return unrecognized(event.event);
  if (!enabled('upstream-errors')) return { body: { joke: await fetchJoke(log) } };
  try {
    return { body: { joke: await fetchJoke(log) } };
  } catch (err) {
    log('API_ERROR', { url: JOKE_API_URL, reason: err.code || err.message });
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')
      return { status: 504, body: { error: 'the jokes API did not answer in time' } };
    return { status: 502, body: { error: `the jokes API failed: ${err.message}` } };
  }
});

listen(app);
