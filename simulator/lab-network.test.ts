import type { LinkSpec } from '../common/inventory/device-inventory';
import { DeviceState } from './device-state';
import { LabNetwork, noCarrierAtBoot } from './lab-network';
import { startTestSimulator, deviceSpec, type SimFixture } from '../test/support/sim-fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';
import { ShellClient } from '../test/support/shell-client';

const CABLE: LinkSpec = { a: { device: 'Router1', interface: 'GigabitEthernet1' }, b: { device: 'Router2', interface: 'Gi1' } };
const R2 = deviceSpec({
  name: 'Router2',
  interfaces: [
    { name: 'GigabitEthernet1', ip: '10.0.12.2/24' },
    { name: 'GigabitEthernet2', shutdown: true },
  ],
});

/** One cable pull in the lab gives events from two devices, as in a real network. */
describe('cables between simulated devices', () => {
  let receiver: WebhookReceiver;
  let fx: SimFixture;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    fx = await startTestSimulator({ devices: [deviceSpec(), R2], links: [CABLE], webhookUrl: receiver.url, webhookBaseDelayMs: 5 });
  });
  afterAll(async () => {
    await fx.close();
    await receiver.close();
  });
  const events = (from: number): string[] =>
    receiver.received
      .slice(from)
      .map((h) => JSON.parse(h.body) as Record<string, string>)
      .map((e) => `${e.device} ${e.event} ${e.interface ?? ''}`.trim());
  const lastLines = (name: string, n: number): string[] =>
    fx.sim
      .state(name)
      .logging.lines()
      .slice(-n)
      .map((l) => l.replace(/^\*\w{3} [ \d]\d [\d:.]+: /, ''));

  it('shutdown at one end takes line protocol down at the other, which logs it and sends its own InterfaceDown', async () => {
    const from = receiver.received.length;
    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    for (const line of ['configure terminal', 'interface GigabitEthernet1', 'shutdown', 'end']) await shell.command(line);
    await receiver.waitFor(from + 3);
    expect(events(from).sort()).toEqual([
      'Router1 ConfigChange',
      'Router1 InterfaceDown GigabitEthernet1',
      'Router2 InterfaceDown GigabitEthernet1',
    ]);
    expect(lastLines('Router2', 2)).toEqual([
      '%LINK-3-UPDOWN: Interface GigabitEthernet1, changed state to down',
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down',
    ]);
    expect(fx.sim.state('Router2').findInterface('Gi1')).toMatchObject({ shutdown: false, linkUp: false });

    const back = receiver.received.length;
    for (const line of ['configure terminal', 'interface GigabitEthernet1', 'no shutdown', 'end']) await shell.command(line);
    await receiver.waitFor(back + 3);
    expect(events(back).sort()).toEqual([
      'Router1 ConfigChange',
      'Router1 InterfaceUp GigabitEthernet1',
      'Router2 InterfaceUp GigabitEthernet1',
    ]);
    expect(lastLines('Router2', 1)).toEqual(['%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to up']);
    shell.dispose();
  });

  it('a flap from the control port pulls the cable: both ends go down and come back', async () => {
    const from = receiver.received.length;
    const res = await fetch(`${fx.sim.controlUrl}/devices/Router2/interfaces/gi1/flap?down_ms=20`, { method: 'POST' });
    expect(res.status).toBe(200);
    await receiver.waitFor(from + 4);
    expect(events(from).sort()).toEqual([
      'Router1 InterfaceDown GigabitEthernet1',
      'Router1 InterfaceUp GigabitEthernet1',
      'Router2 InterfaceDown GigabitEthernet1',
      'Router2 InterfaceUp GigabitEthernet1',
    ]);
  });

  it('an uncabled interface flaps alone', async () => {
    const from = receiver.received.length;
    await fetch(`${fx.sim.controlUrl}/devices/Router1/interfaces/gi3/flap?down_ms=20`, { method: 'POST' });
    await receiver.waitFor(from + 2);
    expect(events(from)).toEqual(['Router1 InterfaceDown GigabitEthernet3', 'Router1 InterfaceUp GigabitEthernet3']);
  });
});

describe('LabNetwork', () => {
  const states = (): DeviceState[] => [new DeviceState(deviceSpec()), new DeviceState(R2, { index: 1 })];

  it('boots an interface without carrier when the far end of its cable is shut in the inventory', () => {
    const link: LinkSpec = { a: { device: 'router1', interface: 'Gi2' }, b: { device: 'Router2', interface: 'GigabitEthernet2' } };
    expect(noCarrierAtBoot([deviceSpec(), R2], [link])).toEqual(new Map([['router1', ['GigabitEthernet2']]]));
    const r1 = new DeviceState(deviceSpec(), { noCarrier: ['GigabitEthernet2'] });
    expect(r1.findInterface('Gi2')).toMatchObject({ shutdown: false, linkUp: false });
    expect(r1.logging.lines().join('\n')).not.toContain('Interface GigabitEthernet2');
  });

  it('finds the device and interface at the far end of a cable, and nothing for an uncabled one', () => {
    const [r1, r2] = states() as [DeviceState, DeviceState];
    const lab = new LabNetwork([r1, r2], [CABLE]);
    expect(lab.peer(r1, 'GigabitEthernet1')).toMatchObject({ device: r2, iface: { name: 'GigabitEthernet1' } });
    expect(lab.peer(r2, 'GigabitEthernet1')).toMatchObject({ device: r1, iface: { name: 'GigabitEthernet1' } });
    expect(lab.peer(r1, 'GigabitEthernet2')).toBeUndefined();
    expect(r1.fabric).toBe(lab);
    lab.close();
  });

  it.each([
    [{ a: { device: 'Router9', interface: 'Gi1' }, b: CABLE.b }, /no device Router9/],
    [{ a: { device: 'Router1', interface: 'Gi7' }, b: CABLE.b }, /Router1 has no interface Gi7/],
    [{ a: { device: 'Router1', interface: 'Gi2' }, b: CABLE.b }, /Router2 GigabitEthernet1 is cabled twice/],
  ])('refuses a bad link, naming it (%#)', (bad, message) => {
    expect(() => new LabNetwork(states(), [CABLE, bad])).toThrow(message);
  });
});
