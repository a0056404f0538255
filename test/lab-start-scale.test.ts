import fs from 'node:fs';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import { spawnTs, type SpawnedProcess } from './support/spawn-process';
import { freePort } from '../lab/free-port';
import { tempDir } from './support/test-config';
import { describeWithRedis } from './support/redis';
import { getJson, postEvent } from './support/network-copies';

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The launcher's own children: servers, the router, and redis-server (not tsx's esbuild). */
function childrenOf(pid: number): Array<{ pid: number; command: string }> {
  try {
    return execFileSync('pgrep', ['-a', '-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => /main\.ts|redis-server/.test(line))
      .map((line) => ({ pid: Number(line.split(' ')[0]), command: line }));
  } catch {
    return [];
  }
}

describeWithRedis('npm start -- --scale 2', () => {
  jest.setTimeout(90_000);

  it('starts Redis, two network copies and a balancer on NETWORK_PORT; a redelivery to the other copy is a duplicate; SIGTERM leaves nothing behind', async () => {
    let lab: SpawnedProcess | undefined;
    let ports: Record<string, string> = {};
    const dirs: string[] = [];
    // A suite running beside this one may take a port between choosing and binding: pick again.
    for (let attempt = 1; ; attempt += 1) {
      ports = {};
      for (const name of ['BASIC_PORT', 'JOKE_PORT', 'CARD_PORT', 'NETWORK_PORT', 'DEVICE_PORT', 'DEVICE_CONTROL_PORT'])
        ports[name] = String(await freePort());
      const dir = tempDir();
      dirs.push(dir);
      lab = spawnTs(
        'lab/start-lab.ts',
        {
          ...ports,
          LOG_DIR: dir,
          BACKUP_DIR: dir,
          KNOWN_HOSTS_FILE: `${dir}/known_hosts`,
          JOKE_API_URL: 'http://127.0.0.1:9',
          CARD_API_URL: 'http://127.0.0.1:9',
        },
        ['--scale', '2'],
      );
      const outcome = await Promise.race([
        lab.waitFor(/Then follow INSTRUCTIONS\.md/, 60_000).then(() => 'up'),
        lab.exited.then(() => 'exited'),
      ]).catch(() => 'exited');
      if (outcome === 'up') break;
      if (attempt >= 3 || !/already in use/.test(lab.output())) throw new Error(`the lab did not start:\n${lab.output()}`);
    }
    const output = lab.output();
    expect(output).toMatch(/step 8 {2}network .*a load balancer \(round robin\) in front of 2 copies/);
    expect(output).toMatch(/network-1 +http:\/\/127\.0\.0\.1:\d+ +pid \d+/);
    expect(output).toMatch(/redis {3}redis:\/\/127\.0\.0\.1:\d+ {2}\(started by the lab/);

    const network = `http://127.0.0.1:${ports.NETWORK_PORT}`;
    const copies = new Set<unknown>();
    for (let i = 0; i < 2; i += 1) copies.add((await getJson(`${network}/health`)).body.copy);
    expect(copies.size).toBe(2);
    const first = await postEvent(network, { event: 'NetworkDeviceCheck' }, { 'Idempotency-Key': 'scale-lab-1' });
    const again = await postEvent(network, { event: 'NetworkDeviceCheck' }, { 'Idempotency-Key': 'scale-lab-1' });
    expect(first.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, id: first.body.id });
    await lab.waitFor(/\[network-\d\] WEBHOOK_PROCESSED event=NetworkDeviceCheck outcome=duplicate/);

    const children = childrenOf(lab.child.pid!);
    expect(children.map((c) => c.command).filter((c) => /redis-server/.test(c))).toHaveLength(1);
    expect(children.filter((c) => /network\/main\.ts/.test(c.command))).toHaveLength(2);
    const redis = children.find((c) => /redis-server/.test(c.command))!;
    const redisDir = fs.readlinkSync(`/proc/${redis.pid}/cwd`); // redis-server works in its --dir

    lab.child.kill('SIGTERM');
    expect(await lab.exited).toBe(0);
    expect(lab.output()).toContain('every port is free again');
    for (const port of Object.values(ports)) expect(await isListening(Number(port))).toBe(false);
    expect(children.map((c) => c.pid).filter(isAlive)).toEqual([]);
    expect(fs.existsSync(redisDir)).toBe(false);
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad --scale with a message, not a stack trace', async () => {
    const lab = spawnTs('lab/start-lab.ts', {}, ['--scale', 'many']);
    expect(await lab.exited).toBe(1);
    expect(lab.output()).toContain('--scale wants a number of copies from 1 to 8');
    expect(lab.output()).not.toMatch(/\n\s+at /);
  });
});
