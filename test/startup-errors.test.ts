import fs from 'node:fs';
import path from 'node:path';
import { spawnTs } from './support/spawn-process';
import { tempDir } from './support/test-config';

/** A bad setting stops a server with one line naming it — the same for every setting. */
describe('starting the network server with a bad DEVICE_INVENTORY', () => {
  const dir = tempDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startWith(inventory: string): Promise<{ code: number | null; output: string }> {
    const file = path.join(dir, `inventory-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, inventory);
    const proc = spawnTs('servers/network/main.ts', { PORT: '0', LOG_DIR: dir, DEVICE_INVENTORY: file, ALLOW_INSECURE: 'true' });
    const code = await proc.exited;
    return { code, output: proc.output() };
  }

  it.each([
    ['a device without its port', JSON.stringify({ devices: [{ name: 'Router2' }] }), /"devices\[0\]\.port" is required/],
    ['a file that is not JSON', '{ devices: [', /cannot read JSON/],
  ])('stops with exit code 1 and one line naming the file for %s, with no stack trace', async (_what, inventory, reason) => {
    const { code, output } = await startWith(inventory);
    expect(code).toBe(1);
    const lines = output
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('SERVER_STOP') && !l.startsWith('SECURITY'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DEVICE_INVENTORY /);
    expect(lines[0]).toMatch(reason);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
