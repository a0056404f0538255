import fs from 'node:fs';
import path from 'node:path';
import { backupConfig, cleanRunningConfig } from './backup-config';
import type { DeviceSession } from '../../lib/device-client/device-session';
import { tempDir } from '../../../test/support/test-config';

const RUNNING = fs.readFileSync(path.join(__dirname, 'parsers/fixtures/show_running_config.txt'), 'utf8');

/** Just enough of a session for backupConfig: a name and `show running-config`. */
function fakeSession(config: () => string): DeviceSession {
  return { spec: { name: 'edge-rtr-01' }, sendCommand: async () => config() } as unknown as DeviceSession;
}

describe('cleanRunningConfig', () => {
  it('drops the volatile preamble and keeps everything from the first "!"', () => {
    const cleaned = cleanRunningConfig(RUNNING);
    expect(cleaned.startsWith('!\n! Last configuration change')).toBe(true);
    expect(cleaned).not.toMatch(/Building configuration|Current configuration/);
    expect(cleaned.endsWith('end\n')).toBe(true);
  });
});

describe('backupConfig', () => {
  it('saves a first backup without a diff, then diffs the next one against it with secrets masked', async () => {
    const dir = tempDir('hooklab-backup-');
    let config = RUNNING;
    const session = fakeSession(() => config);
    const first = await backupConfig(session, dir, new Date('2025-09-07T14:22:00.000Z'));
    expect(first).toMatchObject({ device: 'edge-rtr-01', previous: null, diff: null, changed: null });
    expect(path.basename(first.backup)).toBe('edge-rtr-01_2025-09-07T14-22-00-000Z.cfg');
    expect(fs.readFileSync(first.backup, 'utf8')).toContain('secret 9 $9$nhEm');

    config = RUNNING.replace(' shutdown\n', '').replace('$9$nhEm', '$9$CHANGED');
    const second = await backupConfig(session, dir, new Date('2025-09-07T14:25:00.000Z'));
    expect(second).toMatchObject({ previous: first.backup, changed: true, lines_added: 1, lines_removed: 2 });
    expect(second.diff).toContain('--- edge-rtr-01_2025-09-07T14-22-00-000Z.cfg');
    expect(second.diff).toMatch(/^- shutdown$/m);
    expect(second.diff).toMatch(/^\+username admin privilege 15 secret 9 <removed>$/m);
    expect(second.diff).not.toContain('$9$');
  });

  it('says unchanged with an empty diff, and never overwrites a backup taken in the same millisecond', async () => {
    const dir = tempDir('hooklab-backup-');
    const at = new Date('2025-09-07T14:22:00.000Z');
    const session = fakeSession(() => RUNNING);
    const first = await backupConfig(session, dir, at);
    const again = await backupConfig(session, dir, at);
    expect(again).toMatchObject({ changed: false, diff: '', previous: first.backup });
    expect(again.backup).not.toBe(first.backup);
    const third = await backupConfig(session, dir, at);
    expect(third.previous).toBe(again.backup);
  });
});
