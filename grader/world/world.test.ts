import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startWorld, type RunningWorld } from './start-world';
import { WorldClient } from './world-client';
import { WORLD_ENV_NAMES, envLines } from './world-env';
import { githubSignature } from '../../common/signatures/webhook-signatures';
import { ShellClient } from '../../test/support/shell-client';

/** The first bytes a TCP server sends (an SSH server starts with "SSH-2.0-"), or how the connection ended. */
function firstBytes(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString('utf8').slice(0, 8));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    socket.once('close', () => resolve('closed'));
  });
}

/** A network server stand-in that records what reaches it. */
async function receiver(): Promise<{
  url: string;
  got: Array<{ headers: http.IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}> {
  const got: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    got,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

describe("the grader's world", () => {
  let world: RunningWorld;
  let client: WorldClient;
  beforeAll(async () => {
    world = await startWorld();
    client = new WorldClient(world.url);
  });
  afterAll(() => world.close());
  afterEach(() => client.reset());

  it('gives every environment variable of the contract, with secrets made up for this world', async () => {
    expect(Object.keys(world.env).sort()).toEqual([...WORLD_ENV_NAMES].sort());
    expect(envLines(world.env).split('\n')).toHaveLength(10);
    expect(world.env.WEBHOOK_SECRET).toMatch(/^secret-[0-9a-f]{32}$/);
    const other = await startWorld();
    try {
      expect(other.env.WEBHOOK_TOKEN).not.toBe(world.env.WEBHOOK_TOKEN);
    } finally {
      await other.close();
    }
  });

  it('records the jokes and cards its stand-in APIs serve', async () => {
    const mark = await client.mark();
    const joke = (await (await fetch(`${world.env.JOKE_API_URL}/`, { headers: { accept: 'application/json' } })).json()) as {
      joke: string;
    };
    const draw = (await (await fetch(`${world.env.CARD_API_URL}/api/deck/new/draw/?count=2`)).json()) as {
      deck_id: string;
      cards: Array<{ code: string }>;
    };
    const entries = await client.entries(mark);
    expect(entries.filter((e) => e.kind === 'joke')).toEqual([expect.objectContaining({ joke: joke.joke })]);
    expect(entries.filter((e) => e.kind === 'draw')).toEqual([
      expect.objectContaining({
        deck_id: draw.deck_id,
        new_deck: true,
        cards: draw.cards.map((c) => expect.objectContaining({ code: c.code })),
      }),
    ]);
  });

  it('makes a stand-in API fail through its own /__mode control', async () => {
    await client.setApiMode(world.env.JOKE_API_URL, 'fail');
    expect((await fetch(`${world.env.JOKE_API_URL}/`)).status).toBe(503);
  });

  it('has a device with an interface of a random number besides the usual four', async () => {
    const info = await client.info();
    expect(info.device.interfaces.map((i) => i.name)).toEqual([
      'GigabitEthernet1',
      'GigabitEthernet2',
      'GigabitEthernet3',
      'Loopback0',
      expect.stringMatching(/^Loopback[1-9]\d$/),
    ]);
  });

  it('takes the device down (connections reset) and brings it back', async () => {
    const port = Number(world.env.DEVICE_PORT);
    expect(await firstBytes(port)).toBe('SSH-2.0-');
    await client.setDeviceUp(false);
    expect(await firstBytes(port)).toMatch(/^(ECONNRESET|closed)$/);
    await client.setDeviceUp(true);
    expect(await firstBytes(port)).toBe('SSH-2.0-');
  });

  it('makes the device hang (connection accepted, not a byte sent) and lets the hung client go when it comes back', async () => {
    const port = Number(world.env.DEVICE_PORT);
    expect((await client.setDeviceMode('hang')).device).toMatchObject({ up: false, mode: 'hang' });
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    await new Promise((resolve) => socket.once('connect', resolve));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // Waiting on a byte that never comes is what a client without a timeout does: its own SSH banner is not answered.
    socket.write('SSH-2.0-grader-test\r\n');
    expect(await Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still silent'), 500))])).toBe(
      'still silent',
    );
    await client.setDeviceMode('up');
    await closed;
    expect(Buffer.concat(received).length).toBe(0);
    expect(await firstBytes(port)).toBe('SSH-2.0-');
  });

  it("relays the router's webhooks, signed, to the network server only while forwarding is on", async () => {
    const network = await receiver();
    try {
      await client.setRelay({ target: network.url, forwarding: true });
      const mark = await client.mark();
      await client.setShutdown('GigabitEthernet2', true);
      const seen = await client.waitFor(mark, (e) => e.some((x) => x.kind === 'webhook' && x.status === 200), 10_000);
      expect(seen.filter((e) => e.kind === 'webhook').at(-1)).toMatchObject({
        event: 'InterfaceDown',
        interface: 'GigabitEthernet2',
        forwarded: true,
        status: 200,
      });
      const delivery = network.got[0]!;
      expect(JSON.parse(delivery.body)).toMatchObject({ event: 'InterfaceDown', device: 'Router1', interface: 'GigabitEthernet2' });
      expect(delivery.headers.authorization).toBe(`Bearer ${world.env.WEBHOOK_TOKEN}`);
      expect(delivery.headers['x-hub-signature-256']).toBe(githubSignature(world.env.WEBHOOK_SECRET, delivery.body));

      await client.setRelay({ forwarding: false });
      const later = await client.mark();
      await client.setShutdown('GigabitEthernet2', false);
      const up = await client.waitFor(later, (e) => e.some((x) => x.kind === 'webhook'), 10_000);
      expect(up.find((e) => e.kind === 'webhook')).toMatchObject({ event: 'InterfaceUp', forwarded: false });
      expect(network.got).toHaveLength(1);
    } finally {
      await network.close();
    }
  });

  it('puts everything back on reset', async () => {
    await client.setDeviceMode('hang');
    await client.setShutdown('GigabitEthernet3', true);
    await client.setApiMode(world.env.CARD_API_URL, 'garbage');
    const info = await client.reset();
    expect(info.device).toMatchObject({ up: true, mode: 'up' });
    expect(info.device.interfaces.every((i) => !i.shutdown)).toBe(true);
    expect((await fetch(`${world.env.CARD_API_URL}/api/deck/new/`)).headers.get('content-type')).toBe('application/json');
  });

  it('reboots a router a student changed from its configuration on reset: a description, an address, an interface added, the hostname', async () => {
    const shell = await ShellClient.open(Number(world.env.DEVICE_PORT), {
      username: world.env.DEVICE_USERNAME,
      password: world.env.DEVICE_PASSWORD,
    });
    try {
      for (const line of [
        'configure terminal',
        'hostname Hacked',
        'interface GigabitEthernet2',
        'description hacked',
        'no ip address',
        'interface Loopback999',
        'end',
      ])
        await shell.command(line);
    } finally {
      shell.ssh.dispose();
    }
    const changed = await client.info();
    expect([changed.device.hostname, changed.device.interfaces.some((i) => i.name === 'Loopback999')]).toEqual(['Hacked', true]);
    const info = await client.reset();
    expect(info.device.hostname).toBe(world.env.DEVICE_NAME);
    expect(info.device.interfaces.map((i) => i.name)).not.toContain('Loopback999');
    // Its SSH port is the same one, now the fresh router's.
    const again = await ShellClient.open(Number(world.env.DEVICE_PORT), {
      username: world.env.DEVICE_USERNAME,
      password: world.env.DEVICE_PASSWORD,
    });
    try {
      expect(await again.command('show running-config interface GigabitEthernet2')).not.toContain('hacked');
    } finally {
      again.ssh.dispose();
    }
  });
});
