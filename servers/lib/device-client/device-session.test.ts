import fs from 'node:fs';
import net from 'node:net';
import { utils } from 'ssh2';
import { freePort as closedPort } from '../../../lab/free-port';
import { DeviceSession, type DeviceSessionOptions } from './device-session';
import { openDeviceSession } from './open-device-session';
import { refusalIn, stripEchoAndPrompt } from './cli-output';
import { KnownHosts, hostPattern } from './known-hosts';
import { startTestRouter, ROUTER_LOGIN, type TestRouter } from '../../../test/support/test-router';
import { startFaultProxy } from '../../../test/support/fault-proxy';
import { captureLogger, type CapturedLogger } from '../../../test/support/capture-logger';
import type { AppError } from '../errors';

let router: TestRouter;
let log: CapturedLogger;
beforeAll(async () => {
  router = await startTestRouter();
});
afterAll(() => router.close());
beforeEach(() => {
  log = captureLogger('session');
});

const options = (extra: Partial<DeviceSessionOptions> = {}): DeviceSessionOptions => ({
  connectTimeoutMs: 3000,
  commandTimeoutMs: 2000,
  knownHosts: new KnownHosts(router.knownHostsFile),
  logger: log,
  ...extra,
});
const failure = (promise: Promise<unknown>): Promise<AppError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (err: AppError) => err,
  );

describe('DeviceSession', () => {
  describe('on a device whose login lands at ">"', () => {
    let session: DeviceSession;
    beforeAll(async () => {
      session = await openDeviceSession(router.spec, options());
    });
    afterAll(() => session.close());

    it('enables with the secret and reads the hostname from the prompt', () => {
      expect(session.hostname).toBe('Router1');
      expect(session.alive).toBe(true);
    });

    it('answers a command without its echo and without the prompt', async () => {
      const out = await session.sendCommand('show ip interface brief');
      expect(out.split('\n')[0]).toMatch(/^Interface\s+IP-Address/);
      expect(out).not.toMatch(/Router1#/);
      expect(out).not.toContain('\r');
    });

    it('runs commands written together and answers each output in order, with one DEVICE_COMMAND line each', async () => {
      const own = await openDeviceSession(router.spec, options()); // logs to this test's logger
      const [version, brief, clock] = await own
        .sendCommands(['show version', 'show ip interface brief', 'show clock'])
        .finally(() => own.close());
      expect(version).toMatch(/^Cisco IOS XE Software/);
      expect(version).not.toMatch(/Router1#|Interface\s+IP-Address/);
      expect(brief!.split('\n')[0]).toMatch(/^Interface\s+IP-Address/);
      expect(brief).not.toMatch(/Router1#|UTC/);
      expect(clock).toMatch(/UTC/);
      expect(
        log
          .of('DEVICE_COMMAND')
          .slice(-3)
          .map((l) => /command="([^"]+)"/.exec(l)?.[1]),
      ).toEqual(['show version', 'show ip interface brief', 'show clock']);
    });

    it('reports the first refused command of a batch as DEVICE_REJECTED and stays usable', async () => {
      const err = await failure(session.sendCommands(['show clock', 'show ip intx brief']));
      expect(err).toMatchObject({ code: 'DEVICE_REJECTED' });
      expect(err.message).toMatch(/"show ip intx brief"/);
      await expect(session.sendCommands(['show clock', 'show clock'])).resolves.toEqual([
        expect.stringMatching(/UTC/),
        expect.stringMatching(/UTC/),
      ]);
    });

    it('turns "% Invalid input" into DEVICE_REJECTED and stays usable', async () => {
      const err = await failure(session.sendCommand('show ip intx brief'));
      expect(err).toMatchObject({ code: 'DEVICE_REJECTED', status: 502 });
      expect(err.message).toMatch(/Router1 rejected "show ip intx brief": % Invalid input/);
      await expect(session.sendCommand('show clock')).resolves.toMatch(/UTC/);
    });

    it('applies configuration lines and leaves configuration mode', async () => {
      await session.sendConfig(['interface Loopback0', 'description set by a test']);
      expect(await session.sendCommand('show running-config')).toMatch(/interface Loopback0\n description set by a test/);
    });

    it('reports a refused configuration line and still leaves configuration mode', async () => {
      const err = await failure(session.sendConfig(['interface Loopback0', 'frobnicate now']));
      expect(err.code).toBe('DEVICE_REJECTED');
      await expect(session.sendCommand('show clock')).resolves.toMatch(/UTC/);
    });

    describe('a command carrying a second line (CLI injection)', () => {
      it.each([
        ['a newline', 'show clock\nconfigure terminal'],
        ['a carriage return', 'show interfaces Gi2\rhostname PWNED'],
        ['Ctrl-Z (end)', 'show clock\u001a'],
      ])('with %s is refused with DEVICE_REJECTED before anything is sent', async (_what, command) => {
        const before = await router.control<{ commands: number }>('/stats');
        const err = await failure(session.sendCommand(command));
        expect(err).toMatchObject({ code: 'DEVICE_REJECTED', message: expect.stringMatching(/line break or control character/) });
        expect((await router.control<{ commands: number }>('/stats')).commands).toBe(before.commands);
        await expect(session.sendCommand('show clock')).resolves.toMatch(/UTC/);
      });

      it('in a configuration line, too: no user is added, the hostname stays', async () => {
        const lines = ['interface Loopback0', 'description x\nusername backdoor privilege 15 secret pwned\nhostname PWNED'];
        const err = await failure(session.sendConfig(lines));
        expect(err.code).toBe('DEVICE_REJECTED');
        const config = await session.sendCommand('show running-config');
        expect(config).not.toMatch(/backdoor|PWNED/);
      });
    });
  });

  it('refuses wrong credentials with DEVICE_AUTH_FAILED naming the device and user', async () => {
    const err = await failure(openDeviceSession({ ...router.spec, password: 'wrong-password' }, options()));
    expect(err).toMatchObject({ code: 'DEVICE_AUTH_FAILED', status: 502 });
    expect(err.message).toMatch(/Router1 \(127\.0\.0\.1:\d+\) refused the login of user "admin"/);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('refuses a wrong enable secret with DEVICE_AUTH_FAILED', async () => {
    const err = await failure(openDeviceSession({ ...router.spec, enableSecret: 'not-the-secret' }, options()));
    expect(err.code).toBe('DEVICE_AUTH_FAILED');
    expect(err.message).toMatch(/enable secret/);
  });

  it('reports a closed port as DEVICE_UNREACHABLE with the cause', async () => {
    const err = await failure(openDeviceSession({ ...router.spec, port: await closedPort() }, options()));
    expect(err).toMatchObject({ code: 'DEVICE_UNREACHABLE', status: 502 });
    expect(err.message).toMatch(/Router1 \(127\.0\.0\.1:\d+\) is unreachable: connection refused \(ECONNREFUSED\)/);
  });

  it('reports a port that never speaks SSH as DEVICE_TIMEOUT', async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const err = await failure(openDeviceSession({ ...router.spec, port }, options({ connectTimeoutMs: 300 })));
    silent.close();
    silent.unref();
    expect(err).toMatchObject({ code: 'DEVICE_TIMEOUT', status: 504 });
    expect(err.message).toMatch(/did not complete the SSH handshake within 300 ms/);
  });

  it('refuses a device whose host key changed, until its known-hosts line is removed', async () => {
    const { public: other } = utils.generateKeyPairSync('ed25519');
    const file = `${router.dir}/changed_known_hosts`;
    fs.writeFileSync(file, `${hostPattern('127.0.0.1', router.spec.port)} ${other.trim().split(/\s+/).slice(0, 2).join(' ')}\n`);
    const opts = options({ knownHosts: new KnownHosts(file) });
    const before = await router.sessionsOpened();
    const err = await failure(openDeviceSession(router.spec, opts));
    expect(err).toMatchObject({ code: 'DEVICE_HOST_KEY_CHANGED', status: 502 });
    // Refused before logging in: the device never saw a session, so no password was sent.
    expect(await router.sessionsOpened()).toBe(before);
    fs.writeFileSync(file, '');
    const session = await openDeviceSession(router.spec, opts);
    await session.close();
  });

  describe('when the device stalls mid-output', () => {
    it('answers DEVICE_TIMEOUT and drops the session', async () => {
      const proxy = await startFaultProxy(router.spec.port);
      try {
        const session = await openDeviceSession({ ...router.spec, port: proxy.port }, options({ commandTimeoutMs: 300 }));
        proxy.stall();
        const err = await failure(session.sendCommand('show running-config'));
        expect(err).toMatchObject({ code: 'DEVICE_TIMEOUT', status: 504 });
        expect(err.message).toMatch(/Router1 did not finish answering "show running-config" within 300 ms/);
        expect(session.alive).toBe(false);
      } finally {
        await proxy.close();
      }
    });
  });

  describe('when the device drops the session', () => {
    it('notices, and a command answers DEVICE_UNREACHABLE', async () => {
      const proxy = await startFaultProxy(router.spec.port);
      const session = await openDeviceSession({ ...router.spec, port: proxy.port }, options());
      const closed = new Promise((resolve) =>
        (session as unknown as { conn: { shell: NodeJS.EventEmitter } }).conn.shell.once('close', resolve),
      );
      proxy.dropAll();
      await closed;
      expect(session.alive).toBe(false);
      const err = await failure(session.sendCommand('show version'));
      expect(err.code).toBe('DEVICE_UNREACHABLE');
      await proxy.close();
    });
  });

  it('logs DEVICE_CONNECT and DEVICE_COMMAND lines but never a password or secret', async () => {
    const session = await openDeviceSession(router.spec, options());
    await session.sendCommand('show version');
    await session.close();
    expect(log.of('DEVICE_CONNECT')[0]).toMatch(/device=Router1 host=127\.0\.0\.1 port=\d+ user=admin host_key=\S+ duration_ms=/);
    expect(log.of('DEVICE_COMMAND').find((l) => l.includes('"show version"'))).toMatch(/duration_ms=[\d.]+ bytes=\d+/);
    const all = log.lines.join('\n');
    expect(all).not.toContain(ROUTER_LOGIN.password);
    expect(all).not.toContain(ROUTER_LOGIN.enableSecret);
  });

  it("turns Nagle off on the session's socket before the first SSH byte (a warm command must not wait for delayed ACKs; bench/README.md measures it)", async () => {
    const setNoDelay = jest.spyOn(net.Socket.prototype, 'setNoDelay');
    try {
      const session = await openDeviceSession(router.spec, options({ logger: undefined }));
      await session.sendCommand('show clock');
      await session.close();
      // The simulator in this process turns it off on the sockets it accepts too: the client's is the one no server accepted.
      const onClientSockets = setNoDelay.mock.calls.filter((args, i) => !(setNoDelay.mock.contexts[i] as { server?: unknown }).server);
      expect(onClientSockets).toEqual([[true]]);
    } finally {
      setNoDelay.mockRestore();
    }
  });
});

describe('cli output', () => {
  it('drops the echoed command and the trailing prompt', () => {
    expect(stripEchoAndPrompt('show clock\n*10:15:02.123 UTC Mon Mar 4 2024\nRouter1#', 'show clock')).toBe(
      '*10:15:02.123 UTC Mon Mar 4 2024',
    );
  });

  it.each([
    ["                   ^\n% Invalid input detected at '^' marker.\n", "% Invalid input detected at '^' marker."],
    ['% Incomplete command.\n', '% Incomplete command.'],
    ['% Ambiguous command:  "sh"', '% Ambiguous command:  "sh"'],
    ['  Description: 50% Invalid input is fine here', undefined],
  ])('finds the refusal in %p', (output, refusal) => {
    expect(refusalIn(output)).toBe(refusal);
  });
});
