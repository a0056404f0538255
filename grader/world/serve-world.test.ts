import { spawnTs } from '../../test/support/spawn-process';
import { WORLD_ENV_NAMES } from './world-env';

describe('npm run grade -- --serve', () => {
  it("starts the world, prints the environment lines for a student's servers, and stops on Ctrl-C", async () => {
    const ports = { GRADE_WORLD_PORT: '0', FAKE_JOKE_PORT: '0', FAKE_CARD_PORT: '0', DEVICE_PORT: '0', DEVICE_CONTROL_PORT: '0' };
    const cli = spawnTs('grader/main.ts', { ...ports, WEBHOOK_TOKEN: 'my-own-token' }, ['--serve']);
    try {
      await cli.waitFor(/Then grade them against this world/, 30_000);
      const lines = Object.fromEntries(
        cli
          .output()
          .split('\n')
          .filter((l) => /^[A-Z_]+=/.test(l))
          .map((l) => l.split('=', 2) as [string, string]),
      );
      expect(Object.keys(lines)).toEqual([...WORLD_ENV_NAMES, 'LOG_DIR']);
      expect(lines.LOG_DIR).toMatch(/hooklab-world-.*\/logs$/);
      // A credential set in its environment is kept (a student's .env stays valid); the others are made up.
      expect(lines.WEBHOOK_TOKEN).toBe('my-own-token');
      expect(lines.WEBHOOK_SECRET).toMatch(/^secret-[0-9a-f]{32}$/);
      const worldUrl = /GRADE_WORLD_URL=(\S+)/.exec(cli.output())![1]!;
      const world = (await (await fetch(`${worldUrl}/world`)).json()) as { env: Record<string, string>; log_dir: string };
      expect({ ...world.env, LOG_DIR: world.log_dir }).toEqual(lines);
      expect((await fetch(`${lines.JOKE_API_URL}/__mode/fail`, { method: 'POST' })).status).toBe(200);
      expect((await fetch(`${lines.JOKE_API_URL}/`)).status).toBe(503);
    } finally {
      cli.child.kill('SIGINT');
    }
    expect(await cli.exited).toBe(0);
  }, 60_000);
});
