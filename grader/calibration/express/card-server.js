// Step 3: CardDraw -> Deck of Cards API, one deck for every event. Run: node card-server.js 8002
const axios = require('axios');
const { enabled, webhookApp, unrecognized, listen } = require('./common');

const CARD_API_URL = (process.env.CARD_API_URL || 'https://deckofcardsapi.com').replace(/\/+$/, '');
let deckId = null;
let queue = Promise.resolve(); // one draw at a time, so two events never open two decks

async function get(path) {
  const res = await axios.get(`${CARD_API_URL}${path}`, enabled('timeout') ? { timeout: 3000 } : {});
  if (typeof res.data !== 'object') throw new Error('the answer is not JSON');
  return res.data;
}

async function drawCard() {
  if (!enabled('deck')) return (await get('/api/deck/new/draw/?count=1')).cards[0];
  if (!deckId) deckId = (await get('/api/deck/new/shuffle/?deck_count=1')).deck_id;
  let drawn = await get(`/api/deck/${deckId}/draw/?count=1`);
  if (drawn.cards.length === 0) {
    await get(`/api/deck/${deckId}/shuffle/`);
    drawn = await get(`/api/deck/${deckId}/draw/?count=1`);
  }
  return drawn.cards[0];
}

const { app } = webhookApp('card', async (event, log) => {
  if (event.event !== 'CardDraw') return unrecognized(event.event);
  const draw = queue.then(drawCard);
  queue = draw.catch(() => undefined);
  if (!enabled('upstream-errors')) {
    const card = await draw;
    return { body: { card: `${card.value} of ${card.suit}`, value: card.value, suit: card.suit } };
  }
  try {
    const card = await draw;
    return { body: { card: `${card.value} of ${card.suit}`, value: card.value, suit: card.suit } };
  } catch (err) {
    log('API_ERROR', { url: CARD_API_URL, reason: err.code || err.message });
    if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT')
      return { status: 504, body: { error: 'the cards API did not answer in time' } };
    return { status: 502, body: { error: `the cards API failed: ${err.message}` } };
  }
});

listen(app);
