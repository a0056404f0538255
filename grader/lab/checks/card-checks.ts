import { must } from '../../check-failure';
import { describeAnswer, type Answer } from '../../grade-http';
import { need, requireHandling, type LabCheckFn, type LabContext } from '../lab-context';
import { notAnAck, notIgnored } from '../read-answer';
import { cardName, cardsNamed } from '../card-names';
import { upstreamFault } from './upstream-fault';

const CARD_DRAW = { event: 'CardDraw' };

/** A fallback card: one named in the answer. */
const fallback = { what: 'a card', found: (json: unknown) => cardsNamed(json).size > 0 };

const drawCard = (ctx: LabContext): Promise<Answer> => ctx.http.send(need(ctx, 'card'), { path: '/events', body: CARD_DRAW });

/** Step 3, the card server. */
export const cardChecks: Record<string, LabCheckFn> = {
  async 'card-answers'(ctx) {
    const what = 'card: {"event": "CardDraw"}';
    const mark = await ctx.world.mark();
    const a = await drawCard(ctx);
    const dealt = (await ctx.world.entries(mark)).flatMap((e) => (e.kind === 'draw' ? e.cards.map((c) => cardName(c.value, c.suit)) : []));
    const problem = notAnAck(a, what);
    must(problem === '', problem);
    must(dealt.length > 0, `${what}: answered, but the cards API (CARD_API_URL) dealt no card for it: ${describeAnswer(a)}`);
    const named = [...cardsNamed(a.json)];
    must(named.length > 0, `${what}: the answer names no card ("6 of CLUBS", or "value" and "suit"): ${describeAnswer(a)}`);
    must(
      named.some((c) => dealt.includes(c)),
      `${what}: the answer names ${named.join(', ')}, but the API dealt ${dealt.join(', ')}`,
    );
  },

  async 'card-same-deck'(ctx) {
    await drawCard(ctx);
    const mark = await ctx.world.mark();
    await drawCard(ctx);
    const log = await ctx.world.entries(0);
    const decksBefore = new Set(log.flatMap((e) => (e.seq <= mark && (e.kind === 'deck' || e.kind === 'draw') ? [e.deck_id] : [])));
    const draws = log.flatMap((e) => (e.seq > mark && e.kind === 'draw' ? [e] : []));
    must(draws.length > 0, 'card: the second of two CardDraw events drew no card from the cards API');
    must(
      draws.some((d) => !d.new_deck && decksBefore.has(d.deck_id)),
      `card: the second CardDraw drew from a new deck (${draws.map((d) => d.deck_id).join(', ')}) instead of the one already open`,
    );
  },

  async 'card-unknown-event'(ctx) {
    requireHandling(ctx, 'card-answers', 'card: an event it does not handle');
    const problem = notIgnored(
      await ctx.http.send(need(ctx, 'card'), { path: '/events', body: { event: 'BackupCompleted' } }),
      'card: {"event": "BackupCompleted"}',
    );
    must(problem === '', problem);
  },

  'card-upstream-5xx': upstreamFault('card', 'fail', CARD_DRAW, fallback),
  'card-upstream-garbage': upstreamFault('card', 'garbage', CARD_DRAW, fallback),
  'card-upstream-down': upstreamFault('card', 'down', CARD_DRAW, fallback),
  'card-upstream-hang': upstreamFault('card', 'stall', CARD_DRAW, fallback),
};
