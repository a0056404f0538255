import { must } from '../../check-failure';
import { describeAnswer, type Answer } from '../../grade-http';
import { need, requireHandling, type LabCheckFn, type LabContext } from '../lab-context';
import { allStrings, mentions, notAnAck, notIgnored } from '../read-answer';
import { upstreamFault } from './upstream-fault';

const JOKE_REQUEST = { event: 'JokeRequest' };

/** Sends a JokeRequest; says which jokes the API served while the server worked on it. */
async function requestJoke(ctx: LabContext): Promise<{ a: Answer; served: string[] }> {
  const mark = await ctx.world.mark();
  const a = await ctx.http.send(need(ctx, 'joke'), { path: '/events', body: JOKE_REQUEST });
  const served = (await ctx.world.entries(mark)).flatMap((e) => (e.kind === 'joke' ? [e.joke] : []));
  return { a, served };
}

/** Fails unless the answer carries a joke the API served for it. */
function mustCarryServedJoke({ a, served }: { a: Answer; served: string[] }, what: string): string {
  const problem = notAnAck(a, what);
  must(problem === '', problem);
  must(served.length > 0, `${what}: answered, but the jokes API (JOKE_API_URL) got no request for it: ${describeAnswer(a)}`);
  const joke = served.find((j) => mentions(a.json, j));
  must(joke, `${what}: the answer does not contain the joke the API served ("${served[0]}"): ${describeAnswer(a)}`);
  return joke;
}

/** A fallback joke: some sentence of a few words in the answer. */
const hasSentence = (json: unknown): boolean => allStrings(json).some((s) => s.trim().split(/\s+/).length >= 4);
const fallback = { what: 'a joke', found: hasSentence };

/** Step 2, the joke server. */
export const jokeChecks: Record<string, LabCheckFn> = {
  async 'joke-answers'(ctx) {
    mustCarryServedJoke(await requestJoke(ctx), 'joke: {"event": "JokeRequest"}');
  },

  async 'joke-each-event'(ctx) {
    const first = mustCarryServedJoke(await requestJoke(ctx), 'joke: a first JokeRequest');
    const second = mustCarryServedJoke(await requestJoke(ctx), 'joke: a second JokeRequest');
    must(first !== second, `joke: two JokeRequests answered the same joke ("${first}")`);
  },

  async 'joke-unknown-event'(ctx) {
    requireHandling(ctx, 'joke-answers', 'joke: an event it does not handle');
    const problem = notIgnored(
      await ctx.http.send(need(ctx, 'joke'), { path: '/events', body: { event: 'BackupCompleted' } }),
      'joke: {"event": "BackupCompleted"}',
    );
    must(problem === '', problem);
  },

  'joke-upstream-5xx': upstreamFault('joke', 'fail', JOKE_REQUEST, fallback),
  'joke-upstream-garbage': upstreamFault('joke', 'garbage', JOKE_REQUEST, fallback),
  'joke-upstream-down': upstreamFault('joke', 'down', JOKE_REQUEST, fallback),
  'joke-upstream-hang': upstreamFault('joke', 'stall', JOKE_REQUEST, fallback),
};
