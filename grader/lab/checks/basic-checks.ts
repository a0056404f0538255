import { must } from '../../check-failure';
import { describeAnswer } from '../../grade-http';
import { need, requireWorking, type LabCheckFn, type LabContext } from '../lab-context';
import { mentions, notAnAck, notAnError } from '../read-answer';

/** The lab's first webhook, exactly as its curl example sends it. */
export const labEvent = (ctx: LabContext): Record<string, string> => ({
  event: 'InterfaceDown',
  device: ctx.info.env.DEVICE_NAME,
  interface: 'GigabitEthernet1',
});

const post = (ctx: LabContext, body: unknown) => ctx.http.send(need(ctx, 'basic'), { path: '/events', body });

/** Step 1, the basic listener: receive, parse, validate, answer. */
export const basicChecks: Record<string, LabCheckFn> = {
  async 'basic-acknowledges'(ctx) {
    const problem = notAnAck(await post(ctx, labEvent(ctx)), "basic: the lab's InterfaceDown event");
    must(problem === '', problem);
  },

  async 'basic-any-event'(ctx) {
    for (const event of ['JokeRequest', 'CardDraw']) {
      const problem = notAnAck(await post(ctx, { event }), `basic: {"event": "${event}"}`);
      must(problem === '', problem);
    }
  },

  async 'basic-missing-event'(ctx) {
    const what = 'basic: {"device": "Router1", "interface": "GigabitEthernet1"} (no "event")';
    const a = await post(ctx, { device: ctx.info.env.DEVICE_NAME, interface: 'GigabitEthernet1' });
    const problem = notAnError(a, '4xx', what);
    must(problem === '', problem);
    must(mentions(a.json, 'event'), `${what}: refused, but the error does not name the missing field "event": ${describeAnswer(a)}`);
  },

  async 'basic-malformed-json'(ctx) {
    const problem = notAnError(
      await post(ctx, '{"event": "InterfaceDown",'),
      '4xx',
      'basic: the body {"event": "InterfaceDown", (not JSON)',
    );
    must(problem === '', problem);
  },

  async 'basic-event-type'(ctx) {
    // A server that refuses everything would refuse these too: it must take a good event first.
    requireWorking(
      ctx,
      'basic-acknowledges',
      'basic: an "event" of the wrong type',
      'a server that refuses every event cannot show it checks types',
    );
    const { device, interface: name } = labEvent(ctx);
    const bodies = [{ event: 42, device, interface: name }, { event: null }, { event: { name: 'InterfaceDown' } }, ['InterfaceDown']];
    for (const body of bodies) {
      const problem = notAnError(await post(ctx, body), '4xx', `basic: ${JSON.stringify(body)}`);
      must(problem === '', problem);
    }
  },
};
