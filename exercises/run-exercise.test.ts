import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../lab/free-port';
import { spawnTs } from '../test/support/spawn-process';

/** `npm run exercise`, as a student runs it (these use only what every starter keeps: /health). */
describe('npm run exercise', () => {
  let logDir: string;
  beforeAll(() => {
    logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-exercise-'));
  });
  afterAll(() => fs.rmSync(logDir, { recursive: true, force: true }));

  it("starts the step's server on PORT, prints what runs where and a curl to try, and Ctrl-C stops it", async () => {
    const port = await freePort();
    const run = spawnTs('exercises/run-exercise.ts', { PORT: String(port), LOG_DIR: logDir }, ['1']);
    await run.waitFor(/Ctrl-C stops everything/, 30_000);
    expect(run.output()).toContain(`your server  http://127.0.0.1:${port}/events   exercises/step1/server.ts`);
    expect(run.output()).toContain(`try it       curl -X POST http://localhost:${port}/events -H "Content-Type: application/json"`);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('every port is free again');
  });

  it('says which port is held, and by what it probably is, instead of starting', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const held = (holder.address() as net.AddressInfo).port;
    try {
      const run = spawnTs('exercises/run-exercise.ts', { PORT: String(held), LOG_DIR: logDir }, ['1']);
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`port ${held} (your step-1 server) is already in use`);
      expect(run.output()).toContain('npm start');
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it.each([[[]], [['7']], [['two']]])('explains its usage when the step is %p', async (args) => {
    const run = spawnTs('exercises/run-exercise.ts', { LOG_DIR: logDir }, args);
    expect(await run.exited).toBe(2);
    expect(run.output()).toContain('Usage: npm run exercise -- N [--solution]');
  });
});
