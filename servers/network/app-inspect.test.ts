import type { WebhookApp } from '../lib/pipeline/create-webhook-app';
import { traceView, type TraceView } from '../lib/inspect/trace-view';
import { pipelineSettings } from '../lib/inspect/trace-stages';
import { ROUTER_LOGIN } from '../../test/support/test-router';
import { testConfig } from '../../test/support/test-config';
import { TOKEN, payload, useNetworkTestKit } from '../../test/support/network-test-kit';

/**
 * What the live view (GET /inspect) shows of the network server's work: the SSH session, every
 * command with its output, the verdict and the remediation decision with its reason.
 */
const kit = useNetworkTestKit();
const { setup, post } = kit;
const setShut = (name: string, shut: boolean) => kit.router().control(`/interfaces/${name}/${shut ? 'shutdown' : 'no-shutdown'}`, 'POST');

function traces(web: WebhookApp): TraceView[] {
  return web.inspectFeed.recent().map((t) => traceView(t, pipelineSettings(testConfig())));
}
const lastTrace = (web: WebhookApp): TraceView => traces(web).at(-1)!;
const texts = (view: TraceView, kind: string): string[] => view.steps.filter((s) => s.kind === kind).map((s) => s.text);

describe('the live view of the network server', () => {
  afterEach(() => setShut('GigabitEthernet1', false));

  it('shows the SSH login, each command with its output, the verdict and the repair with its reason', async () => {
    await setShut('GigabitEthernet1', true);
    const { app, web } = setup({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
    // A current timestamp: an event that may change a device must be recent (EVENT_MAX_AGE_S).
    const res = await post(app, { ...payload('interface_down.json'), timestamp: new Date().toISOString() }, TOKEN);
    expect(res.status).toBe(200);
    const view = lastTrace(web);
    expect(texts(view, 'session')).toEqual([
      expect.stringMatching(/^SSH login to Router1 as admin@127\.0\.0\.1:\d+ \(host key trusted on first use\)/),
    ]);
    expect(texts(view, 'command')).toEqual([
      'Router1# terminal length 0',
      'Router1# terminal width 511',
      'Router1# enable',
      'Router1# enable secret',
      'Router1# show interfaces GigabitEthernet1',
      'Router1# show logging | include GigabitEthernet1',
      'Router1# show clock',
      'Router1# configure terminal',
      'Router1# interface GigabitEthernet1',
      'Router1# no shutdown',
      'Router1# end',
      'Router1# show interfaces GigabitEthernet1',
    ]);
    const show = view.steps.find((s) => s.text === 'Router1# show interfaces GigabitEthernet1')!;
    expect(show.output).toMatch(/^show interfaces GigabitEthernet1\nGigabitEthernet1 is administratively down, line protocol is down/);
    expect(show.output).not.toContain('\r');
    expect(texts(view, 'verdict')).toEqual([
      expect.stringMatching(/^admin_down: GigabitEthernet1 is administratively down/),
      expect.stringMatching(/^up: /),
    ]);
    expect(texts(view, 'decision')).toEqual([
      '"no shutdown" allowed: GigabitEthernet1 is administratively down, AUTO_REMEDIATE=true, the sender authenticated and the device confirmed it (device_log).',
      'Verified: GigabitEthernet1 is up, line protocol up.',
    ]);
    // The enable secret is typed, never shown: no output is kept for it, and it appears nowhere.
    expect(view.steps.find((s) => s.text === 'Router1# enable secret')!.output).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain(ROUTER_LOGIN.enableSecret);
    expect(JSON.stringify(view)).not.toContain(ROUTER_LOGIN.password);
  });

  it('says why it did not repair: AUTO_REMEDIATE is off', async () => {
    await setShut('GigabitEthernet1', true);
    const { app, web } = setup({ WEBHOOK_TOKEN: TOKEN });
    await post(app, payload('interface_down.json'), TOKEN);
    expect(texts(lastTrace(web), 'decision')).toEqual(['"no shutdown" not sent: AUTO_REMEDIATE is off: diagnostics only.']);
  });

  it('shows a warm session reused, and an event answered from shared work', async () => {
    const { app, web } = setup({ EVENT_COALESCE_MS: '60000' });
    await post(app, payload('network_device_check.json'));
    await post(app, payload('network_device_check.json'));
    expect(texts(lastTrace(web), 'session')).toEqual(['Reused the open SSH session to Router1 (no new login).']);
    // The second is a late copy of the first (stamped before the first was looked at): only
    // such an event may be answered from a result; a newer one is always looked at afresh.
    const happened = new Date().toISOString();
    await post(app, { event: 'InterfaceUp', interface: 'GigabitEthernet2', timestamp: happened });
    await post(app, { event: 'InterfaceUp', interface: 'GigabitEthernet2', timestamp: happened });
    expect(lastTrace(web).steps).toEqual([
      expect.objectContaining({
        kind: 'job',
        text: expect.stringMatching(
          /^The same work finished moments ago \(job [\w-]+, within EVENT_COALESCE_MS\): answered from its result/,
        ),
      }),
    ]);
  });

  it('marks a command the device refused', async () => {
    const { app, web } = setup();
    const res = await post(app, { event: 'InterfaceDown', interface: 'GigabitEthernet9' });
    expect(res.status).toBe(422);
    const refused = lastTrace(web).steps.find((s) => s.text.startsWith('Router1# show interfaces GigabitEthernet9'))!;
    expect(refused).toMatchObject({ ok: false, text: expect.stringContaining('refused: % Invalid input') });
    expect(lastTrace(web).stages.find((s) => s.name === 'handler')).toMatchObject({
      outcome: 'failed',
      detail: expect.stringMatching(/^UNKNOWN_INTERFACE/),
    });
  });
});
