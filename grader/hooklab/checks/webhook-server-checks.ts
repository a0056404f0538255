import { must } from '../../check-failure';
import { describeAnswer } from '../../grade-http';
import { need, type CheckFn, type GradeContext } from '../grade-context';
import type { ServerRole } from '../grade-targets';
import { expectError, expectHealthy, expectIgnored, expectJson } from '../expect-answer';
import { CARD_NAME } from './card-name';

const health =
  (role: ServerRole): CheckFn =>
  async (ctx) => {
    expectHealthy(await ctx.http.send(need(ctx, role), { path: '/health' }), `${role}: GET /health`);
  };

const ignores =
  (role: ServerRole, foreign: string): CheckFn =>
  async (ctx) => {
    expectIgnored(await ctx.http.send(need(ctx, role), { path: '/events', body: { event: foreign } }), `${role}: {"event":"${foreign}"}`);
  };

/** Runs `each` on all four servers; fails with every server's reason at once. */
async function everyServer(ctx: GradeContext, each: (role: ServerRole) => Promise<void>): Promise<void> {
  const reasons: string[] = [];
  for (const role of ['basic', 'joke', 'card', 'network'] as const) {
    await each(role).catch((err: Error) => reasons.push(err.message));
  }
  must(reasons.length === 0, reasons.join('; '));
}

/** Webhook servers (25): each step's server is up, answers its event, and the HTTP edges. */
export const webhookServerChecks: Record<string, CheckFn> = {
  'basic-health': health('basic'),
  'joke-health': health('joke'),
  'card-health': health('card'),
  'network-health': health('network'),

  async 'basic-acknowledges'(ctx) {
    const what = "basic: the lab's InterfaceDown event";
    const a = await ctx.http.send(need(ctx, 'basic'), {
      path: '/events',
      body: { event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet1' },
    });
    const body = expectJson(a, 200, what);
    must(body.status === 'ok', `${what}: expected "status":"ok", got ${describeAnswer(a)}`);
  },

  async 'basic-validates'(ctx) {
    const a = await ctx.http.send(need(ctx, 'basic'), { path: '/events', body: { device: 'Router1' } });
    expectError(a, 422, 'VALIDATION_FAILED', 'basic: {"device":"Router1"} (no "event")');
  },

  async 'joke-answers'(ctx) {
    const what = 'joke: {"event":"JokeRequest"}';
    const a = await ctx.http.send(need(ctx, 'joke'), { path: '/events', body: { event: 'JokeRequest' } });
    const body = expectJson(a, 200, what);
    must(typeof body.joke === 'string' && body.joke.length > 0, `${what}: no "joke" string in ${describeAnswer(a)}`);
    must(
      body.source === 'icanhazdadjoke' || body.source === 'offline',
      `${what}: "source" should be "icanhazdadjoke" or "offline", got ${JSON.stringify(body.source)}`,
    );
  },

  async 'card-answers'(ctx) {
    const what = 'card: {"event":"CardDraw"}';
    const a = await ctx.http.send(need(ctx, 'card'), { path: '/events', body: { event: 'CardDraw' } });
    const body = expectJson(a, 200, what);
    must(
      typeof body.card === 'string' && CARD_NAME.test(body.card),
      `${what}: "card" should look like "KING of HEARTS", got ${JSON.stringify(body.card)}`,
    );
  },

  async 'network-answers'(ctx) {
    const what = 'network: {"event":"NetworkDeviceCheck","device":"Router1"}';
    const a = await ctx.http.send(need(ctx, 'network'), {
      path: '/events',
      body: { event: 'NetworkDeviceCheck', device: 'Router1' },
      timeoutMs: 30_000,
    });
    const body = expectJson(a, 200, what);
    must(
      typeof body.hostname === 'string' || typeof body.device === 'string',
      `${what}: the report names no device ("hostname" or "device"): ${describeAnswer(a)}`,
    );
  },

  'joke-ignores': ignores('joke', 'CardDraw'),
  'card-ignores': ignores('card', 'JokeRequest'),
  'network-ignores': ignores('network', 'JokeRequest'),

  async 'not-found'(ctx) {
    await everyServer(ctx, async (role) => {
      expectError(await ctx.http.send(need(ctx, role), { path: '/no-such-path' }), 404, 'NOT_FOUND', `${role}: GET /no-such-path`);
    });
  },

  async 'method-not-allowed'(ctx) {
    await everyServer(ctx, async (role) => {
      expectError(
        await ctx.http.send(need(ctx, role), { method: 'DELETE', path: '/events', auth: true }),
        405,
        'METHOD_NOT_ALLOWED',
        `${role}: DELETE /events`,
      );
    });
  },
};
