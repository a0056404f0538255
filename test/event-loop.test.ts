import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../servers/network/app';
import { testConfig } from './support/test-config';
import { captureLogger } from './support/capture-logger';
import { startTestRouter, type TestRouter } from './support/test-router';

/**
 * The whole loop of the lab: an interface is shut on the router; the router's own webhook
 * (as an EEM applet would) reaches the network server; the server logs in over SSH, diagnoses
 * the interface and, with AUTO_REMEDIATE on and an authenticated sender, brings it back.
 */
describe('the event-driven loop', () => {
  const TOKEN = 'event-loop-token';
  let router: TestRouter;
  let server: http.Server;
  let network: ReturnType<typeof buildApp>;
  const log = captureLogger('network');

  beforeAll(async () => {
    // The router needs the server's URL and the server needs the router's port: listen first,
    // start the router with the URL, then hand the server its app.
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
    router = await startTestRouter({ webhookUrl: url, webhookToken: TOKEN, webhookBaseDelayMs: 20 });
    const config = testConfig({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' });
    network = buildApp({ config, logger: log, devices: [router.spec], remediate: { checkEveryMs: 20 } });
    server.on('request', network.app);
  });

  afterAll(async () => {
    await router.close();
    await new Promise((resolve) => server.close(resolve));
    await network.close();
  });

  it("repairs an interface shut on the router, through the router's own webhook", async () => {
    await router.control('/interfaces/GigabitEthernet1/shutdown', 'POST');

    // The router reports the outage, then the repair (InterfaceUp) and the configuration change it made.
    let gi1 = '';
    for (let tries = 0; tries < 200 && gi1 !== 'up'; tries += 1) {
      await router.sim.webhooksIdle();
      const list = await router.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces');
      gi1 = list.interfaces.find((i) => i.name === 'GigabitEthernet1')?.status ?? '';
    }
    await router.sim.webhooksIdle();
    expect(gi1).toBe('up');

    const received = log.of('WEBHOOK_RECEIVED').join('\n');
    expect(received).toMatch(/event=InterfaceDown device=Router1 interface=GigabitEthernet1 .*auth=bearer/);
    expect(received).toMatch(/event=InterfaceUp device=Router1 interface=GigabitEthernet1/);
    expect(received).toMatch(/event=ConfigChange device=Router1/);
    expect(log.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'))).toBe(true);
    expect(router.sim.stats().webhooks).toMatchObject({ failed: 0, dropped: 0 });
  });
});
