import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { acceptsConnections, freePort } from '../lab/free-port';
import { outputAfterExit, spawnCommand, spawnTs } from '../test/support/spawn-process';
import { startWorld } from '../grader/world/start-world';

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
    expect(run.output()).toContain('Usage: npm run exercise -- N [--solution] [--watch]');
  });

  it('with --watch, restarts the server when its file is saved: the next request gets the new answer', async () => {
    // A server of its own in a folder of its own (CHECK_EXERCISES_DIR), so the real starters are never edited.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-watch-'));
    const file = path.join(dir, 'step1', 'server.ts');
    const server = (answer: string): string =>
      [
        "import http from 'node:http';",
        `http.createServer((_req, res) => res.end('${answer}')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('SERVER_START ${answer}'));`,
        // As the kit's runServer does: the runner gone (its IPC channel closed), the server stops.
        "process.once('disconnect', () => process.exit(0));",
      ].join('\n');
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, server('before the edit'));
    const port = await freePort();
    const run = spawnTs('exercises/run-exercise.ts', { PORT: String(port), LOG_DIR: logDir, CHECK_EXERCISES_DIR: dir }, ['1', '--watch']);
    try {
      await run.waitFor(/Ctrl-C stops everything/, 30_000);
      expect(run.output()).toContain('every save restarts your server');
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('before the edit');
      fs.writeFileSync(file, server('after the edit'));
      await run.waitFor(/SERVER_START after the edit/, 30_000);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('after the edit');
    } finally {
      // Even killed outright, the runner leaves no restarted server behind: it is its direct child.
      run.child.kill('SIGKILL');
      await run.exited;
    }
    for (let tries = 0; tries < 100 && (await acceptsConnections(port)); tries += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(await acceptsConnections(port)).toBe(false);
  });

  it('stops the server and frees its port when npm itself is killed (an IDE stop button, `timeout`)', async () => {
    const port = await freePort();
    const npm = spawnCommand('npm', ['run', 'exercise', '--', '1'], {
      PORT: String(port),
      LOG_DIR: logDir,
      npm_config_update_notifier: 'false',
    });
    await npm.waitFor(/Ctrl-C stops everything/, 30_000);
    // npm's output pipe is still held by the runner, which reports the stop on it.
    const stopped = outputAfterExit(npm, /npm \(\d+\) is gone[\s\S]*every port is free again/);
    npm.child.kill('SIGKILL');
    await stopped;
    expect(await acceptsConnections(port)).toBe(false);
  });

  it("starts beside `npm run grade -- --serve`: a stand-in's port in use is replaced by a free one, and said", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const held = (holder.address() as net.AddressInfo).port;
    const port = await freePort();
    const run = spawnTs('exercises/run-exercise.ts', { PORT: String(port), LOG_DIR: logDir, FAKE_JOKE_PORT: String(held) }, ['2']);
    try {
      await run.waitFor(/Ctrl-C stops everything/, 30_000);
      const moved = new RegExp(`port ${held} is in use, so the joke API stand-in is on (\\d+)`).exec(run.output());
      expect(moved).not.toBeNull();
      expect(run.output()).toContain(`joke API     http://127.0.0.1:${moved![1]}`);
    } finally {
      run.child.kill('SIGINT');
      await run.exited;
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('with GRADE_WORLD_URL, runs the server in that world (its environment), and leaves the world running', async () => {
    const world = await startWorld();
    const port = await freePort();
    const run = spawnTs('exercises/run-exercise.ts', { PORT: String(port), LOG_DIR: logDir, GRADE_WORLD_URL: world.url }, ['2']);
    try {
      await run.waitFor(/Ctrl-C stops everything/, 30_000);
      expect(run.output()).toContain(`joke API     ${world.env.JOKE_API_URL}`);
      expect(run.output()).toContain(`${world.url} (GRADE_WORLD_URL; it keeps running when this stops)`);
      expect(run.output()).toContain(
        `grade it     GRADE_WORLD_URL=${world.url} GRADE_JOKE_URL=http://127.0.0.1:${port} npm run grade -- --step 2`,
      );
      run.child.kill('SIGINT');
      expect(await run.exited).toBe(0);
      expect((await fetch(`${world.url}/health`)).status).toBe(200);
    } finally {
      await world.close();
    }
  });
});
