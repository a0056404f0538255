import { findRedisServer, startRedisServer, type RedisServer } from '../../lab/redis-server';

/** Decided while jest collects: is Debian's redis-server installed (CI installs it: .ci/run)? */
export const hasRedisServer = findRedisServer() !== undefined;

/** A suite that needs a real redis-server; without one it is skipped under a name that says why. */
export function describeWithRedis(name: string, fn: () => void): void {
  if (hasRedisServer) describe(name, fn);
  else describe.skip(`${name} [skipped: redis-server is not installed; apt-get install redis-server]`, fn);
}

/** A redis-server of this test file's own (free port, no persistence), started in beforeAll. */
export function useRedisServer(): { current(): RedisServer; restart(): Promise<void>; crash(): Promise<void> } {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server?.stop());
  const current = (): RedisServer => {
    if (!server) throw new Error('redis-server starts in beforeAll');
    return server;
  };
  return {
    current,
    /** Kills it as a crash would (SIGKILL): everything it held is gone. */
    crash: () => current().stop({ kill: true }),
    /** Starts it again on the same port and password, empty. */
    restart: async () => {
      server = await startRedisServer({ port: current().port, password: current().password });
    },
  };
}
