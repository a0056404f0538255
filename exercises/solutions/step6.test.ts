import { freePort } from '../../lab/free-port';
import { startTestSimulator, type SimFixture } from '../../test/support/sim-fixture';
import { captureLogger, type CapturedLogger } from '../../test/support/capture-logger';
import { buildApp } from './step6/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, type Served } from './test-support';

/** The router and a step-6 solution started with `vars`; the router's webhooks go to it unless `webhooks` is false. */
async function loop(
  vars: Record<string, string>,
  webhooks = true,
): Promise<{ router: SimFixture; routerLog: CapturedLogger; server: Served; close(): Promise<void> }> {
  const routerLog = captureLogger('router');
  // Each must know the other's address: the router's SSH port is chosen first (as lab/start-in-process-lab does).
  const sshPort = await freePort();
  const server = await serve(buildApp({ env: exerciseEnv({ DEVICE_PORT: String(sshPort), ...vars }), log: captureLog().log }));
  const router = await startTestSimulator({
    logger: routerLog,
    sshPort,
    ...(webhooks && { webhookUrl: `${server.url}/events`, webhookAttempts: 1 }),
  });
  return {
    router,
    routerLog,
    server,
    close: async () => {
      await router.close();
      await server.close();
    },
  };
}

const sentNoShutdown = (log: CapturedLogger): boolean => log.of('DEVICE_COMMAND').some((l) => l.includes('command="no shutdown"'));

describe('step 6 solution: the router calls, the server acts', () => {
  describe('with AUTO_REMEDIATE=true', () => {
    let world: Awaited<ReturnType<typeof loop>>;
    beforeAll(async () => {
      world = await loop({ AUTO_REMEDIATE: 'true' });
    });
    afterAll(() => world.close());
    beforeEach(() => world.routerLog.lines.splice(0));

    it('brings back an interface shut on the router: its InterfaceDown webhook leads to "no shutdown"', async () => {
      await fetch(`${world.router.sim.controlUrl}/interfaces/GigabitEthernet2/shutdown`, { method: 'POST' });
      await world.router.sim.webhooksIdle();
      expect(sentNoShutdown(world.routerLog)).toBe(true);
      expect(world.router.sim.state().findInterface('GigabitEthernet2')).toMatchObject({ shutdown: false });
      expect(world.router.sim.stats().webhooks).toMatchObject({ failed: 0 });
    });

    it('leaves a link without carrier alone: "no shutdown" does not fix a cable', async () => {
      const state = world.router.sim.state();
      state.setLink('GigabitEthernet3', false);
      try {
        await world.router.sim.webhooksIdle();
        const answer = await postEvent(world.server.url, { event: 'InterfaceDown', interface: 'GigabitEthernet3' });
        expect(answer.body).toMatchObject({ verdict: 'link_down', status: 'down', remediation: { attempted: false } });
        expect(sentNoShutdown(world.routerLog)).toBe(false);
      } finally {
        state.setLink('GigabitEthernet3', true);
        await world.router.sim.webhooksIdle();
      }
    });

    it('refuses "Gi1; reload" with 422 before any SSH session is opened', async () => {
      const sessions = world.router.sim.stats().sessions_opened;
      expectError(await postEvent(world.server.url, { event: 'InterfaceDown', interface: 'Gi1; reload' }), 422, 'VALIDATION_FAILED');
      expect(world.router.sim.stats().sessions_opened).toBe(sessions);
    });

    it('answers 422 UNKNOWN_INTERFACE for an interface the router does not have', async () => {
      expectError(await postEvent(world.server.url, { event: 'InterfaceDown', interface: 'GigabitEthernet9' }), 422, 'UNKNOWN_INTERFACE');
    });
  });

  describe('an InterfaceDown event sent directly (the router sends no webhooks)', () => {
    let world: Awaited<ReturnType<typeof loop>>;
    beforeAll(async () => {
      world = await loop({ AUTO_REMEDIATE: 'true' }, false);
    });
    afterAll(() => world.close());

    it('is answered with what the server found and what it did', async () => {
      world.router.sim.state().setShutdown('GigabitEthernet1', true, 'test');
      const answer = await postEvent(world.server.url, { event: 'InterfaceDown', interface: 'GigabitEthernet1' });
      expect(answer).toMatchObject({
        status: 200,
        body: {
          event: 'InterfaceDown',
          device: 'Router1',
          interface: 'GigabitEthernet1',
          verdict: 'admin_down',
          status: 'administratively down',
          remediation: {
            attempted: true,
            sent: ['interface GigabitEthernet1', 'no shutdown'],
            after: { status: 'up', protocol: 'up' },
            verified: true,
          },
        },
      });
      expect(world.router.sim.state().findInterface('GigabitEthernet1')).toMatchObject({ shutdown: false });
    });
  });

  describe('with AUTO_REMEDIATE off (the default)', () => {
    let world: Awaited<ReturnType<typeof loop>>;
    beforeAll(async () => {
      world = await loop({});
    });
    afterAll(() => world.close());

    it('diagnoses a shut interface and says why it did not repair it', async () => {
      world.router.sim.state().setShutdown('GigabitEthernet2', true, 'test');
      await world.router.sim.webhooksIdle();
      const answer = await postEvent(world.server.url, { event: 'InterfaceDown', interface: 'GigabitEthernet2' });
      expect(answer.body).toMatchObject({
        verdict: 'admin_down',
        remediation: { attempted: false, reason: expect.stringContaining('AUTO_REMEDIATE') },
      });
      expect(sentNoShutdown(world.routerLog)).toBe(false);
      expect(world.router.sim.state().findInterface('GigabitEthernet2')).toMatchObject({ shutdown: true });
    });
  });
});
