import { spawn } from 'node:child_process';
import http from 'node:http';
import { freePort, waitForListener } from '../lab/free-port';
import { waitForPort } from '../grader/check-step/wait-for-port';

describe('waitForListener (the bench and the grader wait for servers with it)', () => {
  it('resolves true once something starts listening on the port', async () => {
    const port = await freePort();
    const server = http.createServer();
    const later = setTimeout(() => server.listen(port, '127.0.0.1'), 250);
    try {
      expect(await waitForListener(port, Date.now() + 10_000)).toBe(true);
    } finally {
      clearTimeout(later);
      await new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    }
  });

  it('resolves false at the deadline, or as soon as the caller gives up', async () => {
    const port = await freePort();
    expect(await waitForListener(port, Date.now() + 300)).toBe(false);
    let polls = 0;
    expect(await waitForListener(port, Date.now() + 60_000, () => ++polls > 2)).toBe(false);
    expect(polls).toBe(3);
  });

  it("makes the grader's waitForPort fail with the server's own output when it exits first", async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-e', 'console.error("cannot bind"); process.exit(3)'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let out = '';
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    // 'close': exited, and its output read to the end.
    await new Promise((resolve) => child.once('close', resolve));
    await expect(waitForPort(port, child, () => out)).rejects.toThrow(/stopped before it answered \(exit 3\):\ncannot bind/);
  });
});
