import Joi from 'joi';
import { eventSchema } from '../lib/pipeline/envelope-schema';
import { parseShowClock } from './device-work/parsers/parse-show-clock';
import { defineDeviceEvent } from './events/device-event';
import { NETWORK_EVENTS } from './app';
import { TOKEN, useNetworkTestKit } from '../../test/support/network-test-kit';

/**
 * "A new event is one file plus one line": this definition is all such a file would hold, and
 * `[...NETWORK_EVENTS, bgpNeighborDown]` is the one line in app.ts. Nothing else is registered
 * anywhere: the schema, the WEBHOOK_RECEIVED fields, the job and the device task all come from it.
 */
const bgpNeighborDown = defineDeviceEvent({
  name: 'BgpNeighborDown',
  schema: eventSchema<{ neighbor: string }>({
    neighbor: Joi.string()
      .ip({ version: ['ipv4'], cidr: 'forbidden' })
      .required(),
  }),
  logged: ['device', 'neighbor'],
  request: (event, _ctx, { pool }) => ({
    device: pool.resolve(event.device),
    input: { neighbor: event.neighbor },
    sameWork: { neighbor: event.neighbor },
    coalesceMs: 0,
  }),
  input: Joi.object<{ neighbor: string }>({
    neighbor: Joi.string()
      .ip({ version: ['ipv4'], cidr: 'forbidden' })
      .required(),
  }),
  async task(session, { neighbor }) {
    // What a real handler would do first: note when the device saw it (`show ip bgp summary` next).
    const clock = parseShowClock(await session.sendCommand('show clock'));
    return { event: 'BgpNeighborDown', device: session.spec.name, neighbor, device_time: clock?.toISOString() };
  },
});

const kit = useNetworkTestKit();

describe('a new event, registered by its definition alone (BgpNeighborDown)', () => {
  const withBgp = () => kit.setup({ WEBHOOK_TOKEN: TOKEN }, { events: [...NETWORK_EVENTS, bgpNeighborDown] });

  it('is validated by its own schema: a neighbour that is not an IPv4 address is 422 naming the field', async () => {
    const { app } = withBgp();
    const res = await kit.post(app, { event: 'BgpNeighborDown', neighbor: '10.0.0.1\nhostname x' }, TOKEN);
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([expect.objectContaining({ field: 'neighbor' })]);
  });

  it('is logged with its own fields, dispatched as a job, and run on the router over SSH', async () => {
    const { app, log } = withBgp();
    const commandsBefore = (await kit.stats()).commands;
    const res = await kit.post(app, { event: 'BgpNeighborDown', neighbor: '192.0.2.7' }, TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      event: 'BgpNeighborDown',
      device: 'Router1',
      neighbor: '192.0.2.7',
      device_time: expect.stringMatching(/^\d{4}-/),
      job_id: expect.any(String),
      coalesced: false,
    });
    expect(log.of('WEBHOOK_RECEIVED')[0]).toMatch(/event=BgpNeighborDown neighbor=192\.0\.2\.7 /);
    expect(log.of('DEVICE_COMMAND').some((line) => line.includes('command="show clock"'))).toBe(true);
    expect((await kit.stats()).commands).toBeGreaterThan(commandsBefore);
  });

  it('is unknown to a server that does not list it (ignored, 2xx), like any event not in the array', async () => {
    const { app } = kit.setup();
    const res = await kit.post(app, { event: 'BgpNeighborDown', neighbor: '192.0.2.7' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ignored', supported: NETWORK_EVENTS.map((e) => e.name) });
  });
});
