import fs from 'node:fs';
import path from 'node:path';
import { spawnTs } from '../support/spawn-process';
import { ownFolders } from './hardening-kit';

/**
 * Whoever reads a server's stdout may go away (`npm run basic | head -1`, a launcher killed):
 * the server's next console line then fails with EPIPE. That must not take the server down; its
 * file log goes on.
 */
describe('a server whose stdout reader went away', () => {
  it('keeps answering events and writing its file log', async () => {
    const folders = ownFolders();
    const proc = spawnTs('servers/basic/main.ts', { PORT: '0', ...folders });
    try {
      const [, url] = await proc.waitFor(/SERVER_START .*url=(\S+)/, 20_000);
      proc.child.stdout!.destroy(); // the reader goes: the server's next console write fails
      for (let i = 0; i < 5; i += 1) {
        const res = await fetch(`${url}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ event: 'Ping', n: i }),
        });
        expect(res.status).toBe(200);
      }
      expect(proc.child.exitCode).toBeNull();
    } finally {
      proc.child.kill('SIGTERM');
    }
    // A clean stop writes what the log still holds: all five events are in the file.
    expect(await proc.exited).toBe(0);
    const log = fs.readFileSync(path.join(folders.LOG_DIR, 'basic_webhook.log'), 'utf8');
    expect(log.split('\n').filter((line) => line.includes('WEBHOOK_PROCESSED'))).toHaveLength(5);
  }, 30_000);
});
