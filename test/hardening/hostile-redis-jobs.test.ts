import fs from 'node:fs';
import net from 'node:net';
import { Job, Queue } from 'bullmq';
import { describeWithRedis, useRedisServer } from '../support/redis';
import { startTestRouter, type TestRouter } from '../support/test-router';
import { startNetworkCopy, type NetworkCopy } from '../support/network-copies';
import { tempDir } from '../support/test-config';

/**
 * Step 8's Redis, attacked directly: anybody on the machine can reach a loopback port, and a
 * worker runs whatever jobs it finds in its queue. The lab's Redis has a password, and a worker
 * checks every job it takes against its event's own rules before anything reaches the device.
 */
describeWithRedis('jobs added to Redis directly, not through POST /events', () => {
  const redis = useRedisServer();
  let router: TestRouter;
  let copy: NetworkCopy;
  let queue: Queue;
  const dir = tempDir('hooklab-hostile-jobs-');

  beforeAll(async () => {
    router = await startTestRouter();
    // A token, so the policy could allow changes if AUTO_REMEDIATE were on: it is off.
    copy = await startNetworkCopy(redis.current().url, [router.spec], dir, {
      WEBHOOK_TOKEN: 'hostile-jobs-token-1',
      AUTO_REMEDIATE: 'false',
    });
    queue = new Queue('Router1', { connection: { url: redis.current().url }, prefix: 'hooklab:jobs' });
  });
  afterAll(async () => {
    await queue.close();
    await copy.close();
    await router.close();
    fs.rmSync(router.dir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Adds a job as an attacker would (BullMQ, straight into the device's queue) and waits until a worker finished it. */
  async function runHostileJob(input: Record<string, unknown>): Promise<Job> {
    const added = await queue.add('InterfaceDown', { task: 'InterfaceDown', input, key: `hostile-${Date.now()}`, coalesceMs: 0 });
    for (let tries = 0; tries < 300; tries += 1) {
      const job = await Job.fromId(queue, added.id!);
      if (job?.finishedOn) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('no worker finished the job within 15 s');
  }
  const statusOf = async (name: string) =>
    (await router.control<{ interfaces: Array<{ name: string; status: string }> }>('/interfaces')).interfaces.find((i) => i.name === name)
      ?.status;

  it('the Redis the lab starts refuses a client without its password', async () => {
    // RESP by hand: PING, and Redis's first answer line.
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(redis.current().port, '127.0.0.1', () => socket.write('PING\r\n'));
      socket.once('data', (chunk) => {
        resolve(chunk.toString('utf8'));
        socket.destroy();
      });
      socket.once('error', reject);
    });
    expect(answer).toMatch(/^-NOAUTH/);
    expect(redis.current().url).toMatch(/^redis:\/\/:[^@]+@127\.0\.0\.1:\d+$/);
  });

  it('a job whose interface carries more lines (a backdoor user, a new hostname) is refused: nothing runs on the router', async () => {
    const job = await runHostileJob({
      interface: 'GigabitEthernet2\nconfigure terminal\nusername backdoor privilege 15 secret pwned\nhostname PWNED\nend',
      authenticated: true,
      signed: true,
      source: '127.0.0.1',
      requestId: 'hostile-1',
    });
    expect(job.failedReason).toContain('VALIDATION_FAILED');
    expect(router.sim.state().hostname).toBe('Router1');
    expect(router.sim.state().settings.users.map((u) => u.name)).not.toContain('backdoor');
  });

  describe('with AUTO_REMEDIATE off', () => {
    beforeEach(() => router.control('/interfaces/GigabitEthernet2/shutdown', 'POST'));
    afterEach(() => router.control('/interfaces/GigabitEthernet2/no-shutdown', 'POST'));

    it('a job carrying `policy: {allowed: true}, signed: true` is refused, and the interface stays down', async () => {
      const job = await runHostileJob({ interface: 'GigabitEthernet2', policy: { allowed: true }, signed: true });
      expect(job.failedReason).toContain('VALIDATION_FAILED');
      expect(await statusOf('GigabitEthernet2')).toBe('administratively down');
    });

    it('a well-formed job claiming an authenticated, device-signed sender only diagnoses: the policy is the worker’s own', async () => {
      const job = await runHostileJob({
        interface: 'GigabitEthernet2',
        authenticated: true,
        signed: true,
        source: '127.0.0.1',
        requestId: 'hostile-2',
      });
      expect(job.failedReason).toBeUndefined();
      expect(job.returnvalue).toMatchObject({
        verdict: 'admin_down',
        remediation: { attempted: false, reason: expect.stringMatching(/AUTO_REMEDIATE is off/) },
      });
      expect(await statusOf('GigabitEthernet2')).toBe('administratively down');
    });
  });
});
