import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

/** A redis-server this process started, on loopback, with its data in a temporary folder. */
export interface RedisServer {
  /** `redis://:<password>@127.0.0.1:<port>`: it holds the password (log redisAddress(url), never the URL). */
  url: string;
  /** What a client must send (AUTH) before Redis answers anything else. */
  password: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, however it stopped. */
  exited: Promise<void>;
  /** Stops it (SIGTERM; `kill: true` for SIGKILL, as a crash) and removes its folder unless `keepDir`. */
  stop(options?: { kill?: boolean; keepDir?: boolean }): Promise<void>;
}

/** The redis-server binary (Debian's package installs /usr/bin/redis-server), or undefined. */
export function findRedisServer(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin', '/usr/sbin'];
  return dirs
    .map((d) => path.join(d, 'redis-server'))
    .find((file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => done(new Error(`redis-server did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (/Ready to accept connections/.test(output)) done();
    };
    const onExit = (code: number | null): void => done(new Error(`redis-server exited (code ${code}):\n${output}`));
    const done = (err?: Error): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

/** A line of redis.conf setting `requirepass`, the value quoted as redis.conf reads quoted strings. */
function requirePassLine(password: string): string {
  return `requirepass "${password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
}

/**
 * Starts redis-server on 127.0.0.1 (a free port unless `port` is given) with no persistence
 * (`--save '' --appendonly no`): the lab's and the tests' Redis holds nothing worth keeping.
 * Its working folder is a temporary one, removed when it stops.
 *
 * It has a password: `password` (REDIS_PASSWORD in .env), else a new random one each run. Every
 * local user can reach a loopback port, and a worker runs the jobs it finds there: without one,
 * anybody on the machine could queue device work. The password goes to redis-server on its
 * standard input (`redis-server -`), not its command line, which `ps` shows to every user.
 */
export async function startRedisServer(options: { port?: number; dir?: string; password?: string } = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server is not installed (Debian: apt-get install redis-server)');
  const password = options.password || crypto.randomBytes(24).toString('base64url');
  if (/[\r\n\0]/.test(password)) throw new Error('REDIS_PASSWORD must be one line.');
  const port = options.port ?? (await freePort());
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-redis-'));
  const args = [
    '-', // the configuration on stdin first (the password), then the options below

    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--daemonize',
    'no',
    '--loglevel',
    'notice',
  ];
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'ignore'] }); // redis-server logs to stdout
  child.stdin?.end(requirePassLine(password));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilReady(child, 10_000);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  child.stdout?.resume(); // keep draining its log so it never blocks on a full pipe
  return {
    url: `redis://:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    password,
    port,
    pid: child.pid!,
    exited,
    stop: async ({ kill = false, keepDir = false } = {}) => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(kill ? 'SIGKILL' : 'SIGTERM');
        await exited;
      }
      if (!keepDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
