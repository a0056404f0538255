import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { spawnTs } from './support/spawn-process';
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

describe('npm start (the whole lab)', () => {
  jest.setTimeout(90_000);

  it('starts every server and the router, prints the banner, and on SIGTERM frees every port and leaves no process', async () => {
    const ports = await portsFor(['BASIC_PORT', 'JOKE_PORT', 'CARD_PORT', 'NETWORK_PORT', 'DEVICE_PORT', 'DEVICE_CONTROL_PORT']);
    const dir = tempDir();
    const lab = spawnTs('lab/start-lab.ts', { ...ports, LOG_DIR: dir, BACKUP_DIR: dir, KNOWN_HOSTS_FILE: `${dir}/known_hosts`, JOKE_API_URL: 'http://127.0.0.1:9', CARD_API_URL: 'http://127.0.0.1:9' });
    await lab.waitFor(/Then follow INSTRUCTIONS\.md/, 60_000);
    expect(lab.output()).toContain(`http://127.0.0.1:${ports.BASIC_PORT}/events`);
    expect(lab.output()).toContain(`ssh admin@127.0.0.1 -p ${ports.DEVICE_PORT}`);
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(true);

    const health = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', server: 'network' });
    const check = await fetch(`http://127.0.0.1:${ports.NETWORK_PORT}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"event":"NetworkDeviceCheck"}' });
    expect(check.status).toBe(200);

    const children = labProcessesOf(lab.child.pid!);
    expect(children).toHaveLength(5);
    lab.child.kill('SIGTERM');
    expect(await lab.exited).toBe(0);
    expect(lab.output()).toContain('every port is free again');
    for (const port of Object.values(ports)) expect(await isListening(port)).toBe(false);
    expect(children.filter(isAlive)).toEqual([]);
  });

  it('names a port that is already in use and says what to do, without a stack trace', async () => {
    const ports = await portsFor(['BASIC_PORT', 'JOKE_PORT', 'CARD_PORT', 'NETWORK_PORT', 'DEVICE_PORT', 'DEVICE_CONTROL_PORT']);
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
