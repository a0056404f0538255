import { signingKeys, verifyStandardWebhook } from '../common/signatures/webhook-signatures';
import { startTestSimulator, deviceSpec, type SimFixture } from '../test/support/sim-fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';
import { ShellClient } from '../test/support/shell-client';

/** State changes leave the device as webhooks, as an EEM applet on the syslog lines would send them. */
describe('device events as webhooks', () => {
  let receiver: WebhookReceiver;
  let fx: SimFixture;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    fx = await startTestSimulator({
      devices: [deviceSpec(), deviceSpec({ name: 'Router2', interfaces: [{ name: 'GigabitEthernet1', ip: '10.9.0.1/24' }] })],
      webhookUrl: receiver.url,
      webhookToken: 'lab-token',
      webhookSecret: 'lab-secret',
      webhookBaseDelayMs: 5,
    });
  });
  afterAll(async () => {
    await fx.close();
    await receiver.close();
  });
  const control = (path: string, method = 'POST'): Promise<Response> => fetch(`${fx.sim.controlUrl}${path}`, { method });
  const events = (from: number): Array<Record<string, unknown>> => receiver.received.slice(from).map((h) => JSON.parse(h.body));

  it('sends InterfaceDown, then ConfigChange, when someone shuts an interface over SSH', async () => {
    const from = receiver.received.length;
    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    for (const line of ['configure terminal', 'interface GigabitEthernet1', 'shutdown', 'end']) await shell.command(line);
    const hooks = await receiver.waitFor(from + 2);
    expect(events(from)).toEqual([
      {
        event: 'InterfaceDown',
        device: 'Router1',
        interface: 'GigabitEthernet1',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      },
      { event: 'ConfigChange', device: 'Router1', timestamp: expect.any(String) },
    ]);
    const hook = hooks[from]!;
    expect(hook.headers.authorization).toBe('Bearer lab-token');
    const h = hook.headers as Record<string, string>;
    const proof = { id: h['webhook-id']!, timestamp: h['webhook-timestamp']!, signature: h['webhook-signature']! };
    expect(verifyStandardWebhook(signingKeys(['lab-secret']).standard, proof, Buffer.from(hook.body))).toEqual({ ok: true });
    await shell.command('conf t');
    await shell.command('int gi1');
    await shell.command('no shutdown');
    await shell.command('end');
    await receiver.waitFor(from + 4);
    expect(events(from + 2).map((e) => e.event)).toEqual(['InterfaceUp', 'ConfigChange']);
    shell.dispose();
    await fx.sim.webhooksIdle();
    // The logger writes the file asynchronously: wait for the line, do not race it.
    const line = /API_CALL url=http:\/\/127\.0\.0\.1:\d+\/events event=InterfaceDown delivery=\S+ status=200 attempt=1 duration_ms=\d+/;
    expect(await fx.logWith(line)).toMatch(line);
  });

  it('flaps an interface from the control port: down, then up, and logs both', async () => {
    const from = receiver.received.length;
    const res = await control('/interfaces/Gi2/flap?down_ms=20');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ device: 'Router1', interface: 'GigabitEthernet2', flapped: true, status: 'up' });
    await receiver.waitFor(from + 2);
    expect(events(from).map((e) => [e.event, e.interface])).toEqual([
      ['InterfaceDown', 'GigabitEthernet2'],
      ['InterfaceUp', 'GigabitEthernet2'],
    ]);
    const log = fx.sim.state().logging.lines().join('\n');
    expect(log).toMatch(/%LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to down/);
    expect(log).toMatch(/%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet2, changed state to up/);
  });

  it('shuts an interface of a chosen device, visible in its show output', async () => {
    const from = receiver.received.length;
    const res = await control('/devices/Router2/interfaces/gi1/shutdown');
    expect(await res.json()).toMatchObject({
      device: 'Router2',
      interface: 'GigabitEthernet1',
      changed: true,
      status: 'administratively down',
      protocol: 'down',
    });
    await receiver.waitFor(from + 1);
    expect(events(from)[0]).toMatchObject({ event: 'InterfaceDown', device: 'Router2', interface: 'GigabitEthernet1' });
    const shell = await ShellClient.open(fx.sim.devices[1]!.sshPort);
    await shell.readUntil();
    expect(await shell.command('show ip interface brief')).toMatch(
      /GigabitEthernet1\s+10\.9\.0\.1\s+YES NVRAM\s+administratively down down/,
    );
    shell.dispose();
    const again = await control('/devices/router2/interfaces/GigabitEthernet1/no-shutdown');
    expect(await again.json()).toMatchObject({ changed: true, status: 'up' });
  });

  it('lists interfaces and answers 404 for unknown devices and interfaces', async () => {
    const list = (await (await control('/interfaces', 'GET')).json()) as { device: string; interfaces: Array<{ name: string }> };
    expect(list.device).toBe('Router1');
    expect(list.interfaces.map((i) => i.name)).toEqual(['GigabitEthernet1', 'GigabitEthernet2', 'GigabitEthernet3', 'Loopback0']);
    const noDevice = await control('/devices/Nope/interfaces', 'GET');
    expect(noDevice.status).toBe(404);
    expect(await noDevice.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await control('/interfaces/Gi9/shutdown')).status).toBe(404);
  });

  it('reports totals and per-device stats', async () => {
    const stats = (await (await control('/stats', 'GET')).json()) as Record<string, unknown> & {
      devices: Record<string, Record<string, number>>;
    };
    expect(stats).toMatchObject({
      sessions_opened: expect.any(Number),
      sessions_active: expect.any(Number),
      commands: expect.any(Number),
      auth_failures: 0,
    });
    expect(Object.keys(stats.devices)).toEqual(['Router1', 'Router2']);
    expect(stats.devices.Router1!.commands).toBeGreaterThanOrEqual(8);
    expect(stats.devices.Router2!.sessions_opened).toBe(1);
  });
});
