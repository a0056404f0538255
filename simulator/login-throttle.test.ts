import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NodeSSH } from 'node-ssh';
import { LoginThrottle } from './login-throttle';
import { checkDeviceExposure } from './check-device-exposure';
import { startTestSimulator, deviceSpec, type SimFixture } from '../test/support/sim-fixture';
import { spawnTs } from '../test/support/spawn-process';
import { freePort } from '../lab/free-port';
import type { EventLogger } from '../common/logging/create-logger';

describe('LoginThrottle', () => {
  it('answers the first failures at once, then waits longer and longer, then locks the address out', () => {
    const throttle = new LoginThrottle({
      maxFailures: 6,
      freeFailures: 2,
      baseDelayMs: 100,
      maxDelayMs: 300,
      lockoutMs: 1000,
      now: () => 0,
    });
    const verdicts = Array.from({ length: 6 }, () => throttle.failed('192.0.2.1'));
    expect(verdicts.map((v) => v.delayMs)).toEqual([0, 0, 100, 200, 300, 300]);
    expect(verdicts.map((v) => v.locked)).toEqual([false, false, false, false, false, true]);
    expect(throttle.isLocked('192.0.2.1')).toBe(true);
    expect(throttle.isLocked('192.0.2.2')).toBe(false);
  });

  it('lifts the lockout after its time, and forgets old failures', () => {
    let now = 0;
    const throttle = new LoginThrottle({ maxFailures: 2, lockoutMs: 1000, now: () => now });
    throttle.failed('a');
    now = 5000; // the first failure is long forgotten
    expect(throttle.failed('a')).toMatchObject({ failures: 1, locked: false });
    expect(throttle.failed('a')).toMatchObject({ failures: 2, locked: true });
    now += 999;
    expect(throttle.isLocked('a')).toBe(true);
    now += 2;
    expect(throttle.isLocked('a')).toBe(false);
    expect(throttle.failed('a')).toMatchObject({ failures: 1, locked: false });
  });

  it('never locks out an account that logged in from the address before, and still counts its failures', () => {
    const throttle = new LoginThrottle({ maxFailures: 3, lockoutMs: 1000, now: () => 0 });
    throttle.succeeded('127.0.0.1', 'automation');
    for (let i = 0; i < 3; i += 1) throttle.failed('127.0.0.1');
    expect(throttle.isLocked('127.0.0.1', 'automation')).toBe(false);
    expect(throttle.isLocked('127.0.0.1', 'someone-else')).toBe(true);
    expect(throttle.isLocked('127.0.0.2', 'automation')).toBe(false);
    expect(throttle.hasKnownLogin('127.0.0.1')).toBe(true);
    expect(throttle.failed('127.0.0.1')).toMatchObject({ failures: 4, locked: true });
    throttle.succeeded('127.0.0.1', 'automation');
    expect(throttle.isLocked('127.0.0.1', 'someone-else')).toBe(true); // its login does not lift the lockout
  });

  it('forgets the oldest addresses rather than grow without bound', () => {
    const throttle = new LoginThrottle({ maxFailures: 1, lockoutMs: 60_000, now: () => 0 });
    for (let i = 0; i <= 10_000; i += 1) throttle.failed(`source-${i}`);
    expect(throttle.isLocked('source-0')).toBe(false);
    expect(throttle.isLocked('source-10000')).toBe(true);
  });
});

describe('SSH password guessing against the simulator', () => {
  let fx: SimFixture;
  let now = Date.now();
  beforeAll(async () => {
    // A short delay base keeps the test quick; the clock is the simulator's own, moved by the test.
    fx = await startTestSimulator({ loginThrottle: { maxFailures: 5, lockoutMs: 60_000, baseDelayMs: 20 }, now: () => now });
  });
  afterAll(() => fx.close());
  const login = (password: string, localAddress = '127.0.0.1'): Promise<NodeSSH> =>
    new NodeSSH().connect({
      host: '127.0.0.1',
      port: fx.port,
      username: 'admin',
      password,
      tryKeyboard: false,
      readyTimeout: 5000,
      localAddress,
    });

  it('delays, then refuses, then lets the right password in once the lockout is over', async () => {
    for (let i = 1; i <= 5; i += 1) await expect(login(`guess-${i}`)).rejects.toThrow(/authentication/i);
    const log = await fx.logWith(/SECURITY event=login_locked/);
    const failed = [...log.matchAll(/SECURITY event=auth_failed .*failures=(\d+) delay_ms=(\d+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(failed).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 20],
      [5, 40],
    ]);
    expect(log).toMatch(/SECURITY event=login_locked device=Router1 source=127\.0\.0\.1 failures=5 lockout_s=60/);
    expect(log).not.toMatch(/guess-\d|cisco/);

    // Locked out: the right password does not get in either (the connection is dropped).
    await expect(login('cisco')).rejects.toThrow();
    // Another address is not affected.
    (await login('cisco', '127.0.0.2')).dispose();

    now += 60_001;
    const ssh = await login('cisco');
    expect((await ssh.execCommand('show clock')).stdout).toMatch(/UTC/);
    ssh.dispose();
  });
});

describe('a simulator reachable from other machines', () => {
  const logger: EventLogger & { lines: string[] } = {
    lines: [],
    log(type, fields) {
      this.lines.push(`${type} ${JSON.stringify(fields)}`);
    },
    close: async () => undefined,
  };

  it('refuses to start with the default password on a non-loopback address', async () => {
    await expect(startTestSimulator({ host: '0.0.0.0' })).rejects.toThrow(
      /Refusing to listen on 0\.0\.0\.0 for Router1 with the default password: set DEVICE_PASSWORD/,
    );
  });

  it('starts with ALLOW_INSECURE=true (logged), or with a password of its own', () => {
    checkDeviceExposure([{ spec: deviceSpec(), host: '0.0.0.0' }], true, logger);
    expect(logger.lines.join('\n')).toMatch(/SECURITY .*"warning":"insecure_exposure"/);
    expect(() => checkDeviceExposure([{ spec: deviceSpec({ password: 'a-real-one' }), host: '0.0.0.0' }], false, logger)).not.toThrow();
    expect(() => checkDeviceExposure([{ spec: deviceSpec(), host: 'localhost' }], false, logger)).not.toThrow();
  });

  it('npm run device with DEVICE_HOST=0.0.0.0 exits 1 with the reason, listening on nothing', async () => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-exposed-'));
    try {
      const env = {
        DEVICE_HOST: '0.0.0.0',
        DEVICE_PORT: String(await freePort()),
        DEVICE_CONTROL_PORT: String(await freePort()),
        LOG_DIR: logDir,
      };
      const device = spawnTs('simulator/main.ts', env);
      expect(await device.exited).toBe(1);
      expect(device.output()).toMatch(/device simulator: Refusing to listen on 0\.0\.0\.0 .*ALLOW_INSECURE=true/);
    } finally {
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  });
});
