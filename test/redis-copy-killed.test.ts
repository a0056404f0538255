import fs from 'node:fs';
import { spawnTs, type SpawnedProcess } from './support/spawn-process';
import { describeWithRedis, useRedisServer } from './support/redis';
import { finishedJob, getJson, postEvent } from './support/network-copies';
import { captureLogger, type CapturedLogger } from './support/capture-logger';
import { startFaultProxy, type FaultProxy } from './support/fault-proxy';
import { ROUTER_LOGIN, startTestRouter, type TestRouter } from './support/test-router';
import { tempDir } from './support/test-config';

/**
 * Two copies of the network server as real processes (`npm run network` with REDIS_URL), one of
 * them killed with SIGKILL while it runs a job on the router: no clean-up, no goodbye, exactly
 * what a crash or an OOM kill does. The other copy must take the device over and run the job.
 */
const LOCK_MS = 3000;

describeWithRedis('a copy killed mid-job', () => {
  jest.setTimeout(60_000);
  const redis = useRedisServer();
  let router: TestRouter;
  let routerLog: CapturedLogger;
  let proxy: FaultProxy;
  const started: SpawnedProcess[] = [];
  let dir: string;

  beforeAll(async () => {
    dir = tempDir();
    routerLog = captureLogger('router');
    router = await startTestRouter({ logger: routerLog });
    // The copies reach the router through a relay this test can stall (see fault-proxy.ts).
    proxy = await startFaultProxy(router.spec.port);
  });
  // The copies stop before this file's Redis does (afterAll).
  afterEach(async () => {
    for (const p of started.splice(0)) {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      await p.exited;
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await router?.close();
    for (const folder of [dir, router?.dir]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function startCopy(dir: string): Promise<{ process: SpawnedProcess; url: string }> {
    const copy = spawnTs('servers/network/main.ts', {
      HOST: '127.0.0.1',
      PORT: '0',
      REDIS_URL: redis.current().url,
      REDIS_LOCK_MS: String(LOCK_MS),
      RATE_LIMIT_PER_MIN: '0',
      LOG_DIR: dir,
      BACKUP_DIR: dir,
      KNOWN_HOSTS_FILE: `${dir}/known_hosts`,
      DEVICE_PORT: String(proxy.port),
      DEVICE_USERNAME: ROUTER_LOGIN.username,
      DEVICE_PASSWORD: ROUTER_LOGIN.password,
      DEVICE_ENABLE_SECRET: ROUTER_LOGIN.enableSecret,
      DEVICE_COMMAND_TIMEOUT_MS: '30000',
    });
    started.push(copy);
    const [, url] = await copy.waitFor(/SERVER_START .*url=(\S+)/);
    return { process: copy, url: url! };
  }
  const sent = (command: string): number => routerLog.of('DEVICE_COMMAND').filter((l) => l.includes(`command="${command}"`)).length;
  const until = async (done: () => boolean | Promise<boolean>): Promise<void> => {
    while (!(await done())) await new Promise((r) => setTimeout(r, 20));
  };

  it('has its job run again by the other copy, which sends the command to the device once more', async () => {
    const a = await startCopy(dir);
    await until(async () => ((await getJson(`${a.url}/health`)).body.works_on as string[]).includes('Router1'));
    const b = await startCopy(dir);
    await until(async () => (await getJson(`${b.url}/health`)).body.redis === 'ready');
    expect((await getJson(`${b.url}/health`)).body.works_on).toEqual([]);
    // Through B, run on A (it holds Router1): A's session is now open.
    expect((await postEvent(b.url, { event: 'NetworkDeviceCheck' })).status).toBe(200);

    // The router stops answering A mid-command: A's job is running, the command has reached the device.
    proxy.stall();
    const accepted = await postEvent(b.url, { event: 'InterfaceDown', interface: 'GigabitEthernet2' }, { Prefer: 'respond-async' });
    expect(accepted.status).toBe(202);
    const id = String(accepted.body.job_id);
    await until(() => sent('show interfaces GigabitEthernet2') === 1);
    expect((await getJson(`${b.url}/jobs/${id}`)).body).toMatchObject({ status: 'running', attempts: 1 });

    a.process.child.kill('SIGKILL');
    await a.process.exited;
    proxy.heal();

    const job = await finishedJob(b.url, id);
    expect(job).toMatchObject({
      id,
      status: 'succeeded',
      attempts: 2,
      result: { event: 'InterfaceDown', interface: 'GigabitEthernet2', verdict: 'up' },
    });
    expect(sent('show interfaces GigabitEthernet2')).toBe(2);
    expect(b.process.output()).toMatch(/REDIS event=device_acquired device=Router1/);
    expect(b.process.output()).toMatch(new RegExp(`REDIS event=job_retried device=Router1 job=${id.replace('.', '\\.')}`));
    expect((await getJson(`${b.url}/health`)).body).toMatchObject({ works_on: ['Router1'] });
  });
});
