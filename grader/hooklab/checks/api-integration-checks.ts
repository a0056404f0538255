import { must } from '../../check-failure';
import { describeAnswer } from '../../grade-http';
import { need, type CheckFn, type GradeContext } from '../grade-context';
import type { Target, UpstreamFaultTargets } from '../grade-targets';
import { detailFields, expectError, expectIgnored, expectJson } from '../expect-answer';
import { CARD_NAME } from './card-name';

const EXTERNAL = 'external target: upstream failures cannot be injected, graded instead on';

/**
 * A check that needs a failing upstream: run against this repo's servers wired to a failing
 * stand-in, or, for an external target, the observable stand-in check (noted in the report).
 */
function withFaults(
  local: (faults: UpstreamFaultTargets, ctx: GradeContext) => Promise<void>,
  external: { says: string; run: CheckFn },
): CheckFn {
  return async (ctx) => {
    const faults = ctx.targets.upstreamFaults;
    if (faults) return void (await local(faults, ctx));
    await external.run(ctx);
    return `${EXTERNAL} ${external.says}`;
  };
}

const joke = (ctx: GradeContext, target: Target, body: unknown, timeoutMs?: number) =>
  ctx.http.send(target, { path: '/events', body, ...(timeoutMs !== undefined && { timeoutMs }) });

const refused422 =
  (role: 'joke' | 'card', body: Record<string, unknown>): CheckFn =>
  async (ctx) => {
    expectError(await ctx.http.send(need(ctx, role), { path: '/events', body }), 422, undefined, `${role}: ${JSON.stringify(body)}`);
  };

/** A draw's remaining count and deck id. */
function deckOf(body: Record<string, unknown>): { remaining: unknown; deckId: unknown; reshuffled: unknown } {
  return { remaining: body.remaining, deckId: body.deck_id, reshuffled: body.reshuffled };
}

/** External API integrations with error handling (20). */
export const apiIntegrationChecks: Record<string, CheckFn> = {
  async 'joke-search'(ctx) {
    const what = 'joke: {"event":"JokeRequest","term":"cat"}';
    const a = await joke(ctx, need(ctx, 'joke'), { event: 'JokeRequest', term: 'cat' });
    const body = expectJson(a, 200, what);
    must(
      typeof body.joke === 'string' && body.joke.toLowerCase().includes('cat'),
      `${what}: the joke does not contain "cat": ${describeAnswer(a)}`,
    );
  },

  async 'joke-no-match'(ctx) {
    const a = await joke(ctx, need(ctx, 'joke'), { event: 'JokeRequest', term: 'zyzzyvaquux' });
    expectError(a, 404, 'NOT_FOUND', 'joke: a term nothing matches');
  },

  async 'joke-bad-term'(ctx) {
    const error = expectError(
      await joke(ctx, need(ctx, 'joke'), { event: 'JokeRequest', term: 42 }),
      422,
      'VALIDATION_FAILED',
      'joke: "term":42',
    );
    must(detailFields(error).includes('term'), 'joke: "term":42: the error details do not name "term"');
  },

  async 'card-five'(ctx) {
    const what = 'card: {"event":"CardDraw","count":5}';
    const a = await ctx.http.send(need(ctx, 'card'), { path: '/events', body: { event: 'CardDraw', count: 5 } });
    const body = expectJson(a, 200, what);
    const cards = Array.isArray(body.cards) ? (body.cards as Array<{ code?: unknown }>) : [];
    must(cards.length === 5, `${what}: expected 5 cards in "cards", got ${Array.isArray(body.cards) ? cards.length : 'no "cards" array'}`);
    must(new Set(cards.map((c) => JSON.stringify(c?.code ?? c))).size === 5, `${what}: the 5 cards are not all different`);
    must(
      typeof body.card === 'string' && CARD_NAME.test(body.card),
      `${what}: "card" should look like "KING of HEARTS", got ${JSON.stringify(body.card)}`,
    );
  },

  async 'card-same-deck'(ctx) {
    const target = need(ctx, 'card');
    const draw = async () =>
      deckOf(expectJson(await ctx.http.send(target, { path: '/events', body: { event: 'CardDraw' } }), 200, 'card: CardDraw'));
    const first = await draw();
    const second = await draw();
    must(typeof first.remaining === 'number' && typeof second.remaining === 'number', 'card: the answer has no numeric "remaining"');
    must(
      first.deckId === undefined || first.deckId === second.deckId,
      `card: two draws used two decks (${String(first.deckId)}, then ${String(second.deckId)})`,
    );
    must(
      second.remaining === first.remaining - 1 || second.reshuffled === true,
      `card: "remaining" went from ${first.remaining} to ${second.remaining}, not down by 1`,
    );
  },

  async 'card-bad-count'(ctx) {
    const reasons: string[] = [];
    for (const count of [0, 53, '5']) {
      const what = `card: "count":${JSON.stringify(count)}`;
      try {
        const error = expectError(
          await ctx.http.send(need(ctx, 'card'), { path: '/events', body: { event: 'CardDraw', count } }),
          422,
          'VALIDATION_FAILED',
          what,
        );
        must(detailFields(error).includes('count'), `${what}: the error details do not name "count"`);
      } catch (err) {
        reasons.push((err as Error).message);
      }
    }
    must(reasons.length === 0, reasons.join('; '));
  },

  'joke-upstream-down': withFaults(
    async (f, ctx) =>
      void expectError(
        await joke(ctx, f.jokeDown, { event: 'JokeRequest' }),
        502,
        'UPSTREAM_UNAVAILABLE',
        'joke with its API answering 503',
      ),
    { says: '"term":"" refused 422', run: refused422('joke', { event: 'JokeRequest', term: '' }) },
  ),

  'joke-upstream-garbage': withFaults(
    async (f, ctx) =>
      void expectError(
        await joke(ctx, f.jokeGarbage, { event: 'JokeRequest' }),
        502,
        'UPSTREAM_BAD_RESPONSE',
        'joke with its API answering HTML',
      ),
    { says: '"event":42 refused 422', run: refused422('joke', { event: 42 }) },
  ),

  'joke-upstream-stall': withFaults(
    async (f, ctx) =>
      void expectError(
        await joke(ctx, f.jokeStall, { event: 'JokeRequest' }, 15_000),
        504,
        'UPSTREAM_TIMEOUT',
        'joke with its API never answering',
      ),
    {
      says: 'a JokeRequest answered within 6 s',
      async run(ctx) {
        const a = await joke(ctx, need(ctx, 'joke'), { event: 'JokeRequest' }, 6000);
        if (a.status >= 500) expectError(a, a.status, undefined, 'joke: JokeRequest');
        else expectJson(a, 200, 'joke: JokeRequest');
      },
    },
  ),

  'card-upstream-down': withFaults(
    async (f, ctx) =>
      void expectError(
        await ctx.http.send(f.cardDown, { path: '/events', body: { event: 'CardDraw' } }),
        502,
        'UPSTREAM_UNAVAILABLE',
        'card with its API answering 503',
      ),
    { says: '"count":1.5 refused 422', run: refused422('card', { event: 'CardDraw', count: 1.5 }) },
  ),

  'joke-fallback': withFaults(
    async (f, ctx) => {
      const what = 'joke with its API answering 503 and OFFLINE_FALLBACK=on';
      const a = await joke(ctx, f.jokeFallback, { event: 'JokeRequest' });
      const body = expectJson(a, 200, what);
      must(
        typeof body.joke === 'string' && body.source === 'offline',
        `${what}: expected a joke with "source":"offline", got ${describeAnswer(a)}`,
      );
    },
    {
      says: 'an unhandled event ignored with 2xx',
      run: async (ctx) => expectIgnored(await joke(ctx, need(ctx, 'joke'), { event: 'CardDraw' }), 'joke: {"event":"CardDraw"}'),
    },
  ),

  'card-fallback': withFaults(
    async (f, ctx) => {
      const what = 'card with its API answering 503 and OFFLINE_FALLBACK=on';
      const a = await ctx.http.send(f.cardFallback, { path: '/events', body: { event: 'CardDraw' } });
      const body = expectJson(a, 200, what);
      must(
        typeof body.card === 'string' && CARD_NAME.test(body.card) && body.source === 'offline',
        `${what}: expected a card with "source":"offline", got ${describeAnswer(a)}`,
      );
    },
    {
      says: 'an unhandled event ignored with 2xx',
      run: async (ctx) =>
        expectIgnored(
          await ctx.http.send(need(ctx, 'card'), { path: '/events', body: { event: 'JokeRequest' } }),
          'card: {"event":"JokeRequest"}',
        ),
    },
  ),
};
