import http from 'node:http';
import { startTestSimulator, type SimFixture } from '../test/support/sim-fixture';
import { startWebhookReceiver, type WebhookReceiver } from '../test/support/webhook-receiver';
import { ShellClient } from '../test/support/shell-client';
import { eventStreamParser } from '../common/event-stream/parse-event-stream';
import type { RouterActivity } from './activity-feed';

/** GET /feed on the control port: what the lab dashboard shows of the router. */
describe('the control port feed', () => {
  let receiver: WebhookReceiver;
  let fx: SimFixture;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    fx = await startTestSimulator({ webhookUrl: receiver.url, webhookSecret: 'lab-secret-123', webhookBaseDelayMs: 5 });
  });
  afterAll(async () => {
    await fx.close();
    await receiver.close();
  });

  /** Opens the feed; `until` is checked on every activity and resolves the wait once true. */
  function openFeed() {
    const seen: RouterActivity[] = [];
    let check: (() => void) | undefined;
    let request: http.ClientRequest | undefined;
    const opened = new Promise<void>((resolve) => {
      request = http.get(`${fx.sim.controlUrl}/feed`, (res) => {
        res.setEncoding('utf8');
        res.on(
          'data',
          eventStreamParser((m) => {
            if (m.event === 'hello') resolve();
            if (m.event === 'activity') seen.push(JSON.parse(m.data) as RouterActivity);
            check?.();
          }),
        );
      });
    });
    return {
      opened,
      seen,
      until(predicate: (all: RouterActivity[]) => boolean): Promise<void> {
        return new Promise((resolve) => {
          check = () => predicate(seen) && resolve();
          check();
        });
      },
      close: () => request?.destroy(),
    };
  }

  it('starts with every interface, then shows the SSH session, the commands, syslog and the webhook with its answer', async () => {
    const feed = openFeed();
    await feed.opened;
    await feed.until((all) => all.some((a) => a.kind === 'state'));
    expect(feed.seen.find((a) => a.kind === 'state')).toMatchObject({
      device: 'Router1',
      interfaces: expect.arrayContaining([
        expect.objectContaining({ name: 'GigabitEthernet1', status: 'up', protocol: 'up', shutdown: false }),
      ]),
    });

    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    for (const line of ['configure terminal', 'interface GigabitEthernet1', 'shutdown', 'end']) await shell.command(line);
    await feed.until((all) => all.some((a) => a.kind === 'webhook' && a.event === 'ConfigChange'));
    const after = (a: RouterActivity): string => {
      if (a.kind === 'ssh') return `ssh ${a.what} ${a.user}`;
      if (a.kind === 'command') return `command ${a.command}`;
      if (a.kind === 'webhook') return ['webhook', a.event, a.interface, a.status].filter((x) => x !== undefined).join(' ');
      if (a.kind === 'syslog') return `syslog ${a.line.replace(/^\*\w+ +\d+ [\d:.]+: /, '')}`;
      return a.kind;
    };
    const lines = feed.seen.map(after);
    expect(lines).toEqual(
      expect.arrayContaining([
        'ssh login admin',
        'ssh session_open admin',
        'command configure terminal',
        'command shutdown',
        'syslog %LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
        'webhook InterfaceDown GigabitEthernet1 200',
        'webhook ConfigChange 200',
      ]),
    );
    const latestState = feed.seen.filter((a) => a.kind === 'state').at(-1);
    expect(latestState).toMatchObject({
      interfaces: expect.arrayContaining([
        expect.objectContaining({ name: 'GigabitEthernet1', status: 'administratively down', shutdown: true }),
      ]),
    });
    // The password typed at login is never part of the feed.
    expect(JSON.stringify(feed.seen)).not.toContain('cisco');
    await shell.command('configure terminal');
    await shell.command('interface GigabitEthernet1');
    await shell.command('no shutdown');
    await shell.command('end');
    shell.ssh.dispose();
    feed.close();
  });

  it('ends open feeds when the simulator stops', async () => {
    const own = await startTestSimulator();
    const ended = new Promise<void>((resolve) => {
      http.get(`${own.sim.controlUrl}/feed`, (res) => {
        res.resume();
        res.once('data', () => void own.close());
        res.on('end', resolve);
      });
    });
    await ended;
  });
});
