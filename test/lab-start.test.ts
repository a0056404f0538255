import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { spawnTs, type SpawnedProcess } from './support/spawn-process';
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

/** The lab's own processes: node children running a server or the simulator (not tsx's esbuild). */
function labProcessesOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-a', '-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /main\.ts/.test(line))
      .map((line) => Number(line.split(' ')[0]));
  } catch {
    return [];
  }
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
async function startLabOnFreePorts(): Promise<{ lab: SpawnedProcess; ports: Record<string, string> }> {
  for (let attempt = 1; ; attempt += 1) {
    const ports = await portsFor(['BASIC_PORT', 'JOKE_PORT', 'CARD_PORT', 'NETWORK_PORT', 'DEVICE_PORT', 'DEVICE_CONTROL_PORT', 'DASHBOARD_PORT']);
    const dir = tempDir();
    const lab = spawnTs('lab/start-lab.ts', { ...ports, LOG_DIR: dir, BACKUP_DIR: dir, KNOWN_HOSTS_FILE: `${dir}/known_hosts`, JOKE_API_URL: 'http://127.0.0.1:9', CARD_API_URL: 'http://127.0.0.1:9' });
    const outcome = await Promise.race([lab.waitFor(/Then follow INSTRUCTIONS\.md/, 60_000).then(() => 'up'), lab.exited.then(() => 'exited')]).catch(() => 'exited');
    if (outcome === 'up') return { lab, ports };
    if (attempt >= 3 || !/is already in use/.test(lab.output())) throw new Error(`the lab did not start:\n${lab.output()}`);
  }
}

describe('npm start (the whole lab)', () => {
  jest.setTimeout(90_000);

  it('starts every server and the router, prints the banner, and on SIGTERM frees every port and leaves no process', async () => {
    const { lab, ports } = await startLabOnFreePorts();
    expect(lab.output()).toContain(`http://127.0.0.1:${ports.BASIC_PORT}/events`);
    expect(lab.output()).toContain(`ssh admin@127.0.0.1 -p ${ports.DEVICE_PORT}`);
    expect(lab.output()).toContain(`watch   http://127.0.0.1:${ports.DASHBOARD_PORT}/`);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', server: 'network' });
    const check = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"NetworkDeviceCheck"}' });
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

  it('names a port that is already in use and says what to do, without a stack trace', async () => {
    const ports = await portsFor(['BASIC_PORT', 'JOKE_PORT', 'CARD_PORT', 'NETWORK_PORT', 'DEVICE_PORT', 'DEVICE_CONTROL_PORT', 'DASHBOARD_PORT']);
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(ports.JOKE_PORT), '127.0.0.1', resolve));
    try {
      const lab = spawnTs('lab/start-lab.ts', { ...ports, LOG_DIR: tempDir() });
      expect(await lab.exited).toBe(1);
      expect(lab.output()).toContain(`port ${ports.JOKE_PORT} (joke server) is already in use`);
      expect(lab.output()).toContain('JOKE_PORT');
      expect(lab.output()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
