import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp as buildNetworkApp } from '../../servers/network/app';
import { captureLogger } from '../support/capture-logger';
import { startTestRouter } from '../support/test-router';
import { testConfig } from '../support/test-config';
import { networkOnRouter, ownFolders } from './hardening-kit';

/** A newer event (a flap, then a `shutdown`) is never answered from an older result. */

describe('on the network server, with a simulated router', () => {
  const TOKEN = 'round2-token-123';
  const { router, network, shut, statusOf, interfaceDown } = networkOnRouter(TOKEN);

  describe('a newer event is never answered from an older result', () => {
    afterEach(async () => {
      router().sim.state().setLink('GigabitEthernet2', true);
      await shut('GigabitEthernet2', false);
    });

    it('a 300 ms flap, then a shutdown: the second InterfaceDown (within EVENT_COALESCE_MS) is diagnosed afresh and repaired', async () => {
      const app = network({ WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true', EVENT_COALESCE_MS: '60000' });
      router().sim.state().setLink('GigabitEthernet2', false);
      const flap = await interfaceDown(app, { timestamp: new Date().toISOString() });
      expect(flap.body).toMatchObject({ verdict: 'link_down', remediation: { attempted: false } });
      router().sim.state().setLink('GigabitEthernet2', true);
      await shut('GigabitEthernet2', true);
      const shutdown = await interfaceDown(app, { timestamp: new Date().toISOString() });
      expect(shutdown.body).toMatchObject({ coalesced: false, verdict: 'admin_down', remediation: { attempted: true, verified: true } });
      expect(shutdown.body.job_id).not.toBe(flap.body.job_id);
      expect(await statusOf('GigabitEthernet2')).toBe('up');
    });

    it('a late copy of the flap event (same timestamp) is still answered from its result', async () => {
      const app = network({ WEBHOOK_TOKEN: TOKEN, EVENT_COALESCE_MS: '60000' });
      router().sim.state().setLink('GigabitEthernet2', false);
      const timestamp = new Date().toISOString();
      const first = await interfaceDown(app, { timestamp });
      const late = await interfaceDown(app, { timestamp });
      expect(late.body).toMatchObject({ job_id: first.body.job_id, coalesced: 'recent', verdict: 'link_down' });
    });
  });

  describe("through the router's own webhooks", () => {
    it('flap, then shutdown on the router: the network server repairs the interface', async () => {
      const server = http.createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
      const own = await startTestRouter({ webhookUrl: url, webhookToken: TOKEN, webhookBaseDelayMs: 20 });
      const logger = captureLogger('network');
      const network = buildNetworkApp({
        config: testConfig({ ...ownFolders(), WEBHOOK_TOKEN: TOKEN, AUTO_REMEDIATE: 'true' }),
        logger,
        devices: [own.spec],
        remediate: { checkEveryMs: 20 },
      });
      server.on('request', network.app);
      try {
        own.sim.state().setLink('GigabitEthernet2', false);
        await own.sim.webhooksIdle();
        own.sim.state().setLink('GigabitEthernet2', true);
        await own.control('/interfaces/GigabitEthernet2/shutdown', 'POST');
        let status = '';
        for (let tries = 0; tries < 200 && status !== 'up'; tries += 1) {
          await own.sim.webhooksIdle();
          status =
            (await own.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find(
              (i) => i.name === 'GigabitEthernet2',
            )?.status ?? '';
        }
        expect(status).toBe('up');
        expect(logger.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'))).toBe(true);
      } finally {
        await own.close();
        fs.rmSync(own.dir, { recursive: true, force: true });
        await new Promise((resolve) => server.close(resolve));
        await network.close();
      }
    });
  });
});
