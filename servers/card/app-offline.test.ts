import request from 'supertest';
import type { Express } from 'express';
import { buildApp } from './app';
import { loadConfig } from '../lib/load-config';
import { createApiClient, type ApiClient } from '../lib/create-api-client';
import { startFakeCardApi, type FakeCardApi } from '../fake-apis/fake-card-api';
import { captureLog, type CapturedLog } from '../fake-apis/capture-log';

let fake: FakeCardApi;
beforeAll(async () => {
  fake = await startFakeCardApi();
});
afterAll(() => fake.close());
beforeEach(() => fake.setMode('ok'));

interface Ctx {
  app: Express;
  log: CapturedLog;
  client: ApiClient;
}

function setup(env: Record<string, string>, apiUrl = fake.url): Ctx {
  const log = captureLog('card');
  const config = loadConfig({ CARD_API_URL: apiUrl, UPSTREAM_TIMEOUT_MS: '2000', RATE_LIMIT_PER_MIN: '0', ...env });
  const client = createApiClient({ api: 'deckofcardsapi', baseURL: apiUrl, timeoutMs: config.upstreamTimeoutMs, logger: log.logger, retryBaseMs: 5 });
  return { app: buildApp({ config, logger: log.logger, apiClient: client }), log, client };
}

const draw = (app: Express, body: Record<string, unknown> = {}) => request(app).post('/events').send({ event: 'CardDraw', ...body });

describe('POST /events', () => {
  describe('with OFFLINE_FALLBACK on', () => {
    describe('when the API cannot be reached', () => {
      let ctx: Ctx;
      beforeAll(async () => {
        const gone = await startFakeCardApi();
        await gone.close();
        ctx = setup({ OFFLINE_FALLBACK: 'on', OFFLINE_RETRY_S: '60' }, gone.url);
      });
      afterAll(() => ctx.client.close());

      it('draws from a local deck with source offline and the reason', async () => {
        const res = await draw(ctx.app);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', remaining: 51, deck_id: expect.stringMatching(/^offline-/) });
        expect(res.body.fallback_reason).toContain('ECONNREFUSED');
        expect(res.body.card).toBe(`${res.body.cards[0].value} of ${res.body.cards[0].suit}`);
        expect(ctx.log.of('API_ERROR')).toHaveLength(1);
      });

      it('keeps the local deck across events: 52 distinct cards, then a reshuffle', async () => {
        const first = await draw(ctx.app, { count: 50 }); // the first test drew 1 already
        const last = await draw(ctx.app);
        expect(new Set([...first.body.cards, ...last.body.cards].map((c: { code: string }) => c.code)).size).toBe(51);
        expect(last.body).toMatchObject({ remaining: 0, deck_id: first.body.deck_id });
        expect((await draw(ctx.app)).body).toMatchObject({ reshuffled: true, remaining: 51 });
        expect(ctx.log.of('API_ERROR')).toHaveLength(1); // the circuit breaker skipped the API
      });
    });

    describe('when the API answers 503', () => {
      it('answers from the local deck', async () => {
        const ctx = setup({ OFFLINE_FALLBACK: 'on' });
        fake.setMode('fail');
        const res = await draw(ctx.app, { count: 3 });
        ctx.client.close();
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ source: 'offline', remaining: 49 });
      });
    });
  });
});
