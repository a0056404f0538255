import path from 'node:path';
import { Client, utils } from 'ssh2';
import { loadOrCreateHostKey } from '../simulator/host-key';
import { ROOT, spawnTs } from './support/spawn-process';

/** The host key a server offers on an SSH handshake, as OpenSSH's base64 blob. */
function offeredHostKey(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.on('error', () => undefined);
    client.connect({
      host: '127.0.0.1',
      port,
      username: 'nobody',
      readyTimeout: 10_000,
      hostVerifier: (key: Buffer) => {
        resolve(key.toString('base64'));
        setImmediate(() => client.end());
        return false;
      },
    });
    setTimeout(() => reject(new Error('no SSH handshake')), 15_000).unref();
  });
}

describe('npm run grade -- --serve, after npm start', () => {
  it("its router offers the lab router's host key (.hooklab/keys), so a server that knows the lab's router does not answer DEVICE_HOST_KEY_CHANGED", async () => {
    // The key `npm start` and `npm run device` use (made on first start, as they would).
    const parsed = utils.parseKey(loadOrCreateHostKey(path.join(ROOT, '.hooklab', 'keys')));
    if (parsed instanceof Error) throw parsed;
    const labKey = parsed.getPublicSSH().toString('base64');
    const ports = { GRADE_WORLD_PORT: '0', FAKE_JOKE_PORT: '0', FAKE_CARD_PORT: '0', DEVICE_PORT: '0', DEVICE_CONTROL_PORT: '0' };
    const cli = spawnTs('grader/main.ts', ports, ['--serve']);
    try {
      const [, port] = await cli.waitFor(/^DEVICE_PORT=(\d+)$/m, 30_000);
      expect(await offeredHostKey(Number(port))).toBe(labKey);
    } finally {
      cli.child.kill('SIGINT');
    }
    expect(await cli.exited).toBe(0);
  }, 60_000);
});
