import crypto from 'node:crypto';
import { inProcessCli } from '../../test/support/sim-fixture';
import { FILE_LIMITS } from '../files/device-files';

describe('the file system at the # prompt', () => {
  it('copy running-config to bootflash: asks for the name (Enter keeps it), then says how many bytes', () => {
    const { run, state } = inProcessCli();
    expect(run('copy running-config bootflash:backup.cfg')).toEqual([]);
    const out = run('');
    expect(out[0]).toMatch(/^\d+ bytes copied in \d+\.\d{3} secs \(\d+ bytes\/sec\)$/);
    expect(state.files.get('backup.cfg')?.bytes.toString()).toContain(`hostname ${state.hostname}`);
    expect(run('dir bootflash:/backup.cfg')[0]).toBe('Directory of bootflash:/backup.cfg');
  });

  it('asks Destination filename, and before overwriting, unless file prompt quiet', () => {
    const { run, writes } = inProcessCli();
    run('copy running-config flash:a.cfg');
    expect(writes.join('')).toContain('Destination filename [a.cfg]? ');
    run('');
    run('copy running-config flash:a.cfg');
    run('');
    expect(writes.join('')).toContain('Do you want to over write? [confirm]');
    expect(run('')[0]).toMatch(/bytes copied/);
    run('configure terminal');
    run('file prompt quiet');
    run('end');
    expect(run('show running-config | include file prompt')).toEqual(['file prompt quiet']);
    expect(run('copy running-config flash:a.cfg')[0]).toMatch(/bytes copied/);
  });

  it('dir of one file: IOS layout, the size NAPALM/Netmiko read as the third word, and the free space', () => {
    const { run } = inProcessCli();
    run('configure terminal');
    run('file prompt quiet');
    run('end');
    run('copy running-config bootflash:x.txt');
    const lines = run('dir bootflash:/x.txt');
    expect(lines[0]).toBe('Directory of bootflash:/x.txt');
    expect(lines[2]).toMatch(/^\d+\s+-rw-\s+\d+ {2}\w{3} \d{1,2} \d{4} \d\d:\d\d:\d\d \+00:00 {2}x\.txt$/);
    expect(lines.at(-1)).toMatch(/^\d+ bytes total \(\d+ bytes free\)$/);
    // flash: is bootflash:, named as typed (NAPALM given dest_file_system flash: looks for `Directory of flash:/x`).
    expect(run('dir flash:x.txt')[0]).toBe('Directory of flash:/x.txt');
    expect(run('dir bootflash:nope.txt')).toEqual(['%Error opening bootflash:/nope.txt (No such file or directory)']);
    expect(run('dir nvram:')[2]).toMatch(/^32762\s+-rw-\s+\d+\s+<no date> {2}startup-config$/);
  });

  it('more prints a file; verify /md5 gives the hash Netmiko compares', () => {
    const { run, state } = inProcessCli();
    state.files.write('note.txt', Buffer.from('line one\nline two\n'), state.now());
    expect(run('more bootflash:note.txt')).toEqual(['line one', 'line two']);
    expect(run('more flash:/missing')).toEqual(['%Error opening flash:/missing (No such file or directory)']);
    const md5 = crypto.createHash('md5').update('line one\nline two\n').digest('hex');
    expect(run('verify /md5 bootflash:/note.txt')).toContain(`verify /md5 (bootflash:/note.txt) = ${md5}`);
  });

  it('delete asks for the name and a confirmation; /force and file prompt quiet do not; a missing file is an error', () => {
    const { run, state, writes } = inProcessCli();
    state.files.write('a', Buffer.from('a'), state.now());
    state.files.write('b', Buffer.from('b'), state.now());
    run('delete bootflash:a');
    expect(writes.join('')).toContain('Delete filename [a]? ');
    run('');
    expect(writes.join('')).toContain('Delete bootflash:/a? [confirm]');
    run('');
    expect(state.files.get('a')).toBeUndefined();
    expect(run('delete /force bootflash:b')).toEqual([]);
    expect(state.files.get('b')).toBeUndefined();
    expect(run('delete /force bootflash:b')).toEqual(['%Error deleting bootflash:/b (No such file or directory)']);
  });

  it('copy FILE running-config merges it line by line, with IOS errors for lines it refuses, and logs CONFIG_I from the file', () => {
    const { run, state } = inProcessCli();
    state.files.write(
      'merge.txt',
      Buffer.from('interface Loopback7\n description from a file\nbogus line\nntp server 10.0.0.7\nend\n'),
      state.now(),
    );
    run('copy bootflash:merge.txt running-config');
    const out = run('');
    expect(out).toContain("% Invalid input detected at '^' marker.");
    expect(out.at(-1)).toMatch(/bytes copied/);
    expect(run('show running-config | include Loopback7|from a file|ntp server')).toEqual([
      'interface Loopback7',
      ' description from a file',
      'ntp server 10.0.0.7',
    ]);
    expect(state.logging.lines().at(-1)).toMatch(/%SYS-5-CONFIG_I: Configured from bootflash:\/merge\.txt by admin on vty0/);
  });

  it('copy null: empties a file; copy between files; startup-config from a file', () => {
    const { run, state } = inProcessCli();
    run('configure terminal');
    run('file prompt quiet');
    run('end');
    state.files.write('m.txt', Buffer.from('hostname X\n'), state.now());
    run('copy bootflash:m.txt bootflash:n.txt');
    expect(state.files.get('n.txt')?.bytes.toString()).toBe('hostname X\n');
    run('copy null: bootflash:m.txt');
    expect(state.files.get('m.txt')?.bytes.length).toBe(0);
    run('copy bootflash:n.txt startup-config');
    expect(run('show startup-config')[1]).toBe('hostname X');
  });

  it('is bounded: a copy that would not fit is refused as IOS refuses a full disk, and dir says what is left', () => {
    const { run, state } = inProcessCli();
    run('configure terminal');
    run('file prompt quiet');
    run('end');
    state.files.write('big', Buffer.alloc(FILE_LIMITS.bytes - 100), state.now());
    expect(run('dir').at(-1)).toMatch(/ \(100 bytes free\)$/);
    expect(run('copy running-config bootflash:more.cfg')).toEqual(['%Error copying bootflash:/more.cfg (No space left on device)']);
    state.files.remove('big');
    for (let i = 0; i < FILE_LIMITS.files; i += 1) state.files.write(`f${i}`, Buffer.from('x'), state.now());
    expect(run('copy running-config bootflash:one-more')).toEqual(['%Error copying bootflash:/one-more (No space left on device)']);
  });

  it('an unknown file system gets the caret; tclsh is not a command here (NAPALM then uses SCP)', () => {
    const { run } = inProcessCli();
    expect(run('dir tftp:x')).toContain("% Invalid input detected at '^' marker.");
    expect(run('tclsh')[0]).toBe('Translating "tclsh"');
  });
});

describe('copy startup-config running-config', () => {
  it('merges the saved configuration back without an error for the lines the router already has', () => {
    const { run, state } = inProcessCli();
    run('write memory');
    run('configure terminal');
    run('interface GigabitEthernet2');
    run('description changed since the save');
    run('end');
    run('copy startup-config running-config');
    const out = run('');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/bytes copied/);
    // A merge adds: the saved description is back (IOS keeps one description per interface).
    expect(state.findInterface('Gi2')?.description).toBe('Link to core');
  });
});
