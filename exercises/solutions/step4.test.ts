import { freePort } from '../../lab/free-port';
import { startTestSimulator, type SimFixture } from '../../test/support/sim-fixture';
import { captureLogger, type CapturedLogger } from '../../test/support/capture-logger';
import { buildApp } from './step4/server';
import { captureLog, exerciseEnv, expectError, postEvent, serve, silentServer, type Served } from './test-support';

interface ControlInterface {
  name: string;
  ip: string | null;
  status: string;
  protocol: string;
}

describe('step 4 solution: NetworkDeviceCheck over SSH', () => {
  let router: SimFixture;
  let routerLog: CapturedLogger;
  let server: Served;
  const control = (path: string, method = 'GET'): Promise<Response> => fetch(`${router.sim.controlUrl}${path}`, { method });
  const deviceEnv = (overrides: Record<string, string> = {}): ReturnType<typeof exerciseEnv> =>
    exerciseEnv({ DEVICE_PORT: String(router.port), UPSTREAM_TIMEOUT_MS: '2000', ...overrides });

  beforeAll(async () => {
    routerLog = captureLogger('router');
    router = await startTestSimulator({ logger: routerLog });
    server = await serve(buildApp({ env: deviceEnv(), log: captureLog().log }));
  });
  afterAll(async () => {
    await server.close();
    await router.close();
  });

  it("reports the router's interfaces as the router itself sees them, after one is shut", async () => {
    await control('/interfaces/GigabitEthernet2/shutdown', 'POST');
    try {
      const answer = await postEvent(server.url, { event: 'NetworkDeviceCheck' });
      const truth = ((await (await control('/interfaces')).json()) as { interfaces: ControlInterface[] }).interfaces;
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ device: 'Router1', hostname: 'Router1', counts: { total: 4, up: 3, down: 0, admin_down: 1 } });
      expect(answer.body.interfaces).toEqual(
        truth.map((i) => ({ name: i.name, ip: i.ip?.replace(/\/\d+$/, ''), status: i.status, protocol: i.protocol })),
      );
      expect(answer.body.interfaces[1]).toMatchObject({ name: 'GigabitEthernet2', status: 'administratively down', protocol: 'down' });
    } finally {
      await control('/interfaces/GigabitEthernet2/no-shutdown', 'POST');
    }
  });

  it('reports only the interface the event names', async () => {
    const answer = await postEvent(server.url, { event: 'DeviceCheck', interface: 'GigabitEthernet1' });
    expect(answer.body.interfaces).toEqual([{ name: 'GigabitEthernet1', ip: '10.0.12.1', status: 'up', protocol: 'up' }]);
  });

  it('refuses "Gi1; reload" with 422 before any SSH session is opened', async () => {
    const sessions = router.sim.stats().sessions_opened;
    const answer = await postEvent(server.url, { event: 'NetworkDeviceCheck', interface: 'Gi1; reload' });
    expectError(answer, 422, 'VALIDATION_FAILED');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ field: 'interface' })]);
    expect(router.sim.stats().sessions_opened).toBe(sessions);
    expect(routerLog.of('DEVICE_COMMAND').join('\n')).not.toContain('reload');
  });

  it('answers 422 for an interface or a device the router does not have', async () => {
    expectError(await postEvent(server.url, { event: 'NetworkDeviceCheck', interface: 'GigabitEthernet9' }), 422, 'UNKNOWN_INTERFACE');
    expectError(await postEvent(server.url, { event: 'NetworkDeviceCheck', device: 'Router9' }), 422, 'UNKNOWN_DEVICE');
  });

  describe('when the device cannot answer', () => {
    it('answers 502 DEVICE_UNREACHABLE when nothing listens on its port', async () => {
      const app = await serve(buildApp({ env: deviceEnv({ DEVICE_PORT: String(await freePort()) }), log: captureLog().log }));
      try {
        expectError(await postEvent(app.url, { event: 'NetworkDeviceCheck' }), 502, 'DEVICE_UNREACHABLE');
      } finally {
        await app.close();
      }
    });

    it('answers 502 DEVICE_AUTH_FAILED when it refuses the password', async () => {
      const app = await serve(buildApp({ env: deviceEnv({ DEVICE_PASSWORD: 'not-the-password' }), log: captureLog().log }));
      try {
        expectError(await postEvent(app.url, { event: 'NetworkDeviceCheck' }), 502, 'DEVICE_AUTH_FAILED');
      } finally {
        await app.close();
      }
    });

    it('answers 504 DEVICE_TIMEOUT when it accepts the connection and says nothing', async () => {
      const hung = await silentServer();
      const app = await serve(
        buildApp({ env: deviceEnv({ DEVICE_PORT: String(hung.port), UPSTREAM_TIMEOUT_MS: '300' }), log: captureLog().log }),
      );
      try {
        expectError(await postEvent(app.url, { event: 'NetworkDeviceCheck' }), 504, 'DEVICE_TIMEOUT');
      } finally {
        await app.close();
        await hung.close();
      }
    });
  });
});
