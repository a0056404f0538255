import { must } from '../../check-failure';
import { describeAnswer } from '../../grade-http';
import type { FakeMode } from '../../../servers/fake-apis/start-fake-server';
import { need, requireWorking, type LabCheckFn } from '../lab-context';
import { notAnAck, notAnError } from '../read-answer';

/** Long enough for any sensible upstream timeout (and a retry), short enough to keep grading moving. */
export const HANG_LIMIT_MS = 15_000;

const SAYS: Record<string, string> = {
  fail: 'its API answering 503',
  garbage: 'its API answering an HTML page',
  down: 'its API dropping the connection',
  stall: 'its API never answering',
};

/**
 * One upstream failure, injected into the stand-in API the server calls: the answer must be a
 * 5xx JSON error, or a 2xx fallback that still does the job (`fallback` recognises it).
 */
export function upstreamFault(
  role: 'joke' | 'card',
  mode: FakeMode,
  event: object,
  fallback: { what: string; found(json: unknown): boolean },
): LabCheckFn {
  return async (ctx) => {
    const target = need(ctx, role);
    const apiUrl = role === 'joke' ? ctx.info.env.JOKE_API_URL : ctx.info.env.CARD_API_URL;
    const what = `${role} with ${SAYS[mode]}`;
    requireWorking(ctx, `${role}-answers`, what);
    await ctx.world.setApiMode(apiUrl, mode);
    try {
      const hang = mode === 'stall';
      const a = await ctx.http.send(target, {
        path: '/events',
        body: event,
        ...(hang && { timeoutMs: ctx.hangLimitMs, countTimeout: false }),
      });
      if (a.status >= 200 && a.status < 300) {
        const problem = notAnAck(a, what);
        must(
          problem === '' && fallback.found(a.json),
          `${what}: answered 2xx without ${fallback.what} (a fallback must still deliver one; otherwise answer 502/504): ${describeAnswer(a)}`,
        );
        return `${what}: answered from a fallback`;
      }
      const problem = notAnError(a, '5xx', what);
      must(problem === '', problem);
    } finally {
      // Also lets go of the request the stand-in was holding, so the server is free again.
      await ctx.world.setApiMode(apiUrl, 'ok');
    }
  };
}
