import { must } from '../../check-failure';
import { describeAnswer, type Answer } from '../../grade-http';
import { need, requireHandling, requireWorking, type LabCheckFn, type LabContext } from '../lab-context';
import { notAnAck, notIgnored } from '../read-answer';
import { cardName, cardsNamed } from '../card-names';
import { upstreamFault } from './upstream-fault';

const CARD_DRAW = { event: 'CardDraw' };

/** A fallback card: one named in the answer. */
const fallback = { what: 'a card', found: (json: unknown) => cardsNamed(json).size > 0 };

const drawCard = (ctx: LabContext): Promise<Answer> => ctx.http.send(need(ctx, 'card'), { path: '/events', body: CARD_DRAW });

/** Sends a CardDraw; the answer, and the cards the API dealt while the server worked on it. */
async function drawCardSeen(ctx: LabContext): Promise<{ a: Answer; dealt: string[] }> {
  const mark = await ctx.world.mark();
  const a = await drawCard(ctx);
  const dealt = (await ctx.world.entries(mark)).flatMap((e) => (e.kind === 'draw' ? e.cards.map((c) => cardName(c.value, c.suit)) : []));
  return { a, dealt };
}

/** Fails unless the answer names a card the API dealt for it; returns that card. */
function mustNameDealtCard({ a, dealt }: { a: Answer; dealt: string[] }, what: string): string {
  const problem = notAnAck(a, what);
  must(problem === '', problem);
  must(dealt.length > 0, `${what}: answered, but the cards API (CARD_API_URL) dealt no card for it: ${describeAnswer(a)}`);
  const named = [...cardsNamed(a.json)];
  must(named.length > 0, `${what}: the answer names no card ("6 of CLUBS", or "value" and "suit"): ${describeAnswer(a)}`);
  const card = named.find((c) => dealt.includes(c));
  must(card, `${what}: the answer names ${named.join(', ')}, but the API dealt ${dealt.join(', ')}`);
  return card;
}

/** Step 3, the card server. */
export const cardChecks: Record<string, LabCheckFn> = {
  async 'card-answers'(ctx) {
    mustNameDealtCard(await drawCardSeen(ctx), 'card: {"event": "CardDraw"}');
  },

  async 'card-each-event'(ctx) {
    // Each answer must carry the card dealt for that very request: two draws, two dealings.
    mustNameDealtCard(await drawCardSeen(ctx), 'card: a first CardDraw');
    mustNameDealtCard(await drawCardSeen(ctx), 'card: a second CardDraw');
  },

  async 'card-same-deck'(ctx) {
    // Only whether a second deck is opened: whether each event draws a card is card-each-event's.
    requireWorking(ctx, 'card-answers', 'card: one deck across events');
    await drawCard(ctx);
    const mark = await ctx.world.mark();
    await drawCard(ctx);
    const log = await ctx.world.entries(0);
    const decksBefore = new Set(log.flatMap((e) => (e.seq <= mark && (e.kind === 'deck' || e.kind === 'draw') ? [e.deck_id] : [])));
    const after = log.filter((e) => e.seq > mark);
    const opened = after.flatMap((e) =>
      (e.kind === 'deck' || (e.kind === 'draw' && e.new_deck)) && !decksBefore.has(e.deck_id) ? [e.deck_id] : [],
    );
    const other = after.flatMap((e) => (e.kind === 'draw' && !decksBefore.has(e.deck_id) ? [e.deck_id] : []));
    must(
      opened.length === 0 && other.length === 0,
      `card: the second CardDraw drew from a new deck (${[...new Set([...opened, ...other])].join(', ')}) instead of the one already open`,
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
