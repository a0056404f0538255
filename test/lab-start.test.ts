import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { outputAfterExit, spawnCommand, spawnTs, type SpawnedProcess } from './support/spawn-process';
import { freePort } from '../lab/free-port';
import { tempDir } from './support/test-config';

async function portsFor(names: string[]): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const name of names) ports[name] = String(await freePort());
  return ports;
}

function isListening(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Child processes of `pid` whose command line matches `pattern`. */
function childrenOf(pid: number, pattern: RegExp): number[] {
  try {
    return execFileSync('pgrep', ['-a', '-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => Number(line.split(' ')[0]));
  } catch {
    return [];
  }
}

/** The lab's own processes: node children running a server or the simulator (not tsx's esbuild). */
function labProcessesOf(pid: number): number[] {
  return childrenOf(pid, /main\.ts/);
}

/** Every descendant of `pid` (children first), found with pgrep. */
function descendantsOf(pid: number): number[] {
  const children = childrenOf(pid, /./);
  return [...children, ...children.flatMap(descendantsOf)];
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts the launcher on ports that were free a moment ago. A suite running beside this one may
 * take one of them in between (the launcher then says so and exits): pick again, up to 3 times.
 */
async function startLabOnFreePorts(
  options: { args?: string[]; viaNpm?: boolean; ownProcessGroup?: boolean } = {},
): Promise<{ lab: SpawnedProcess; ports: Record<string, string>; dir: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const ports = await portsFor([
      'BASIC_PORT',
      'JOKE_PORT',
      'CARD_PORT',
      'NETWORK_PORT',
      'DEVICE_PORT',
      'DEVICE_CONTROL_PORT',
      'DASHBOARD_PORT',
    ]);
    const dir = tempDir();
    const env = {
      ...ports,
      LOG_DIR: dir,
      BACKUP_DIR: dir,
      KNOWN_HOSTS_FILE: `${dir}/known_hosts`,
      JOKE_API_URL: 'http://127.0.0.1:9',
      CARD_API_URL: 'http://127.0.0.1:9',
    };
    const args = options.args ?? [];
    const lab = options.viaNpm
      ? spawnCommand(
          'npm',
          ['start', ...(args.length ? ['--', ...args] : [])],
          { ...env, npm_config_update_notifier: 'false' },
          {
            detached: options.ownProcessGroup ?? false,
          },
        )
      : spawnTs('lab/start-lab.ts', env, args);
    const outcome = await Promise.race([
      lab.waitFor(/Then follow INSTRUCTIONS\.md/, 60_000).then(() => 'up'),
      lab.exited.then(() => 'exited'),
    ]).catch(() => 'exited');
    if (outcome === 'up') return { lab, ports, dir };
    fs.rmSync(dir, { recursive: true, force: true });
    if (attempt >= 3 || !/already in use/.test(lab.output())) throw new Error(`the lab did not start:\n${lab.output()}`);
  }
}

describe('npm start (the whole lab)', () => {
  jest.setTimeout(90_000);
  const afterCleanup: string[] = [];
  afterAll(() => {
    for (const dir of afterCleanup) fs.rmSync(dir, { recursive: true, force: true });
  });
  // Whatever a failed test leaves running is stopped here, by PID.
  let started: number[] = [];
  afterEach(() => {
    for (const pid of started.filter(isAlive)) process.kill(pid, 'SIGTERM');
    started = [];
  });

  it('starts every server and the router, prints the banner, and on SIGTERM frees every port and leaves no process', async () => {
    const { lab, ports, dir } = await startLabOnFreePorts();
    afterCleanup.push(dir);
    expect(lab.output()).toContain(`http://127.0.0.1:${ports.BASIC_PORT}/events`);
    expect(lab.output()).toContain(`ssh admin@127.0.0.1 -p ${ports.DEVICE_PORT}`);
    expect(lab.output()).toContain(`watch   http://127.0.0.1:${ports.DASHBOARD_PORT}/`);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', server: 'network' });
    const check = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"event":"NetworkDeviceCheck"}',
    });
    expect(check.status).toBe(200);
    const dashboard = await fetch(`http://127.0.0.1:${ports.DASHBOARD_PORT}/`);
    expect(await dashboard.text()).toContain('hooklab · lab dashboard');

    const children = labProcessesOf(lab.child.pid!);
    expect(children).toHaveLength(5);
    lab.child.kill('SIGTERM');
    expect(await lab.exited).toBe(0);
    expect(lab.output()).toContain('every port is free again');
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
    expect(children.filter(isAlive)).toEqual([]);
  });

  it('says "every port is free again" when a second Ctrl-C arrives while it is stopping', async () => {
    const { lab, ports, dir } = await startLabOnFreePorts();
    afterCleanup.push(dir);
    // An impatient student presses Ctrl-C again (and a tsx CLI in between would relay a signal
    // again when the launcher had not acknowledged the first within 30 ms): the second one
    // arrives while the launcher is already stopping its servers.
    lab.child.kill('SIGINT');
    await lab.waitFor(/SERVER_STOP/);
    lab.child.kill('SIGINT');
    expect(await lab.exited).toBe(0);
    expect(lab.output()).toContain('hooklab stopped; every port is free again.');
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  });

  it('npm start: Ctrl-C on a busy machine still ends with "every port is free again" (no tsx between npm and the launcher to SIGKILL it)', async () => {
    const { lab: npm, ports, dir } = await startLabOnFreePorts({ viaNpm: true, ownProcessGroup: true });
    afterCleanup.push(dir);
    const [launcher] = descendantsOf(npm.child.pid!).filter((pid) => childrenOf(pid, /main\.ts/).length > 0);
    expect(launcher).toBeDefined();
    // A launcher too busy to answer for a moment, as on a loaded machine: tsx's CLI, had it run
    // the launcher, would have waited 60 ms for it to acknowledge the signal and then SIGKILLed it.
    process.kill(launcher!, 'SIGSTOP');
    process.kill(-npm.child.pid!, 'SIGINT');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // (When npm exits, the group it leaves behind is orphaned, and the kernel itself wakes a
    // stopped member with SIGHUP and SIGCONT: the launcher may be done already.)
    if (isAlive(launcher!)) process.kill(launcher!, 'SIGCONT');
    await Promise.race([outputAfterExit(npm, /every port is free again/), new Promise((resolve) => setTimeout(resolve, 30_000).unref())]);
    expect(npm.output()).toContain('hooklab stopped; every port is free again.');
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
  });

  it('with --quiet, shows one line per event (its outcome) and keeps every line in the log files', async () => {
    const { lab, ports, dir } = await startLabOnFreePorts({ args: ['--quiet'] });
    afterCleanup.push(dir);
    try {
      const post = (body: string): Promise<Response> =>
        fetch(`http://127.0.0.1:${ports.BASIC_PORT}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect((await post('{"event":"QuietOne"}')).status).toBe(200);
      expect((await post('{"device":"Router1"}')).status).toBe(422);
      await lab.waitFor(/WEBHOOK_REJECTED code=VALIDATION_FAILED/);
      const shown = lab
        .output()
        .split('\n')
        .filter((l) => l.startsWith('[basic]'));
      expect(shown).toEqual([
        expect.stringMatching(/^\[basic\] +WEBHOOK_PROCESSED event=QuietOne outcome=ok status=200 /),
        expect.stringMatching(/^\[basic\] +WEBHOOK_REJECTED code=VALIDATION_FAILED status=422 /),
      ]);
      expect(lab.output()).toContain('Quiet: one line per event');
    } finally {
      lab.child.kill('SIGTERM');
      await lab.exited;
    }
    expect(fs.readFileSync(path.join(dir, 'basic_webhook.log'), 'utf8')).toMatch(/WEBHOOK_RECEIVED event=QuietOne /);
  });

  it("stops every server and frees every port when npm itself is killed (an IDE's stop button, `timeout`)", async () => {
    const { lab: npm, ports, dir } = await startLabOnFreePorts({ viaNpm: true });
    try {
      // npm → sh → the launcher → five lab processes: none of them gets a signal from a SIGKILL to npm.
      const processes = descendantsOf(npm.child.pid!);
      started = processes;
      expect(processes.length).toBeGreaterThanOrEqual(7);
      // npm is gone, but its output pipe is still held by the launcher, which reports the stop on it.
      const stopped = outputAfterExit(npm, /npm \(\d+\) is gone[\s\S]*every port is free again/);
      npm.child.kill('SIGKILL');
      await stopped;
      for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
      const lingering = (): number[] => processes.filter(isAlive);
      for (let tries = 0; tries < 50 && lingering().length > 0; tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(lingering()).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names a port that is already in use and says what to do, without a stack trace', async () => {
    const ports = await portsFor([
      'BASIC_PORT',
      'JOKE_PORT',
      'CARD_PORT',
      'NETWORK_PORT',
      'DEVICE_PORT',
      'DEVICE_CONTROL_PORT',
      'DASHBOARD_PORT',
    ]);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(ports.JOKE_PORT), '127.0.0.1', resolve));
    try {
      const dir = tempDir();
      afterCleanup.push(dir);
      const lab = spawnTs('lab/start-lab.ts', { ...ports, LOG_DIR: dir });
      expect(await lab.exited).toBe(1);
      expect(lab.output()).toContain(`port ${ports.JOKE_PORT} (joke server) is already in use`);
      expect(lab.output()).toContain('JOKE_PORT');
      expect(lab.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
