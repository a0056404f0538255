/**
 * NAPALM's `ios` driver, config-management half, against the simulator over real SSH and SCP.
 * NAPALM is not packaged by Debian, so `support/napalm-ios-port.ts` sends exactly the commands
 * its driver sends (napalm-automation/napalm `napalm/ios/ios.py` at commit ee70e634, 5.2.0+3,
 * over Netmiko at 66b916f6) and judges the answers with the driver's own regexes and checks: an
 * answer NAPALM would reject throws here as it raises there.
 */
import { startTestSimulator, deviceSpec, type SimFixture } from './support/sim-fixture';
import { ShellClient } from './support/shell-client';
import { NapalmError, NapalmIosPort } from './support/napalm-ios-port';

const LOGIN = { username: 'admin', password: 'napalm-pass-1' };

describe("NAPALM's ios driver: merge, replace, compare, commit, discard and rollback over SSH and SCP", () => {
  let fx: SimFixture;
  let login: typeof LOGIN & { port: number };

  /** The device's running-config as NAPALM's get_config returns it, read on a connection of its own. */
  async function running(): Promise<string> {
    const napalm = await NapalmIosPort.open(login);
    try {
      return (await napalm.getConfig()).running;
    } finally {
      await napalm.close();
    }
  }

  async function withNapalm<T>(work: (napalm: NapalmIosPort) => Promise<T>): Promise<T> {
    const napalm = await NapalmIosPort.open(login);
    try {
      return await work(napalm);
    } finally {
      await napalm.close();
    }
  }

  beforeAll(async () => {
    fx = await startTestSimulator({ devices: [deviceSpec({ username: LOGIN.username, password: LOGIN.password })] });
    login = { ...LOGIN, port: fx.port };
    // NAPALM's documented prerequisite on the router: `ip scp server enable`.
    const shell = await ShellClient.open(fx.port, LOGIN);
    await shell.readUntil();
    for (const line of ['configure terminal', 'ip scp server enable', 'end', 'write memory']) await shell.command(line);
    shell.dispose();
  });
  afterAll(async () => {
    await fx.close();
  });

  it('load_merge_candidate uploads by SCP after the dir/md5/space/scp checks; compare_config shows the merge; commit_config applies and saves it; rollback undoes it', async () => {
    const before = await running();
    const merge = 'interface Loopback42\n description added by napalm merge\nntp server 10.0.0.42\nend\n';
    await withNapalm(async (napalm) => {
      await napalm.loadMergeCandidate(merge);
      expect(napalm.sent).toEqual([
        'terminal width 511',
        'terminal length 0',
        'dir',
        'dir bootflash:',
        'dir bootflash:/merge_config.txt',
        'dir bootflash:',
        'show running-config | inc ip scp server enable',
        'verify /md5 bootflash:/merge_config.txt',
      ]);
      expect(await napalm.compareConfig()).toBe('+interface Loopback42\n+ description added by napalm merge\n+ntp server 10.0.0.42');

      napalm.sent.length = 0;
      await napalm.commitConfig();
      expect(napalm.sent).toEqual([
        'show archive',
        'configure terminal',
        'file prompt quiet',
        'end',
        'copy running-config bootflash:/rollback_config.txt',
        'dir bootflash:/merge_config.txt',
        'copy bootflash:/merge_config.txt running-config',
        'write mem',
      ]);
      const shown = await napalm.command('show running-config | section Loopback42');
      expect(shown).toContain('interface Loopback42\n description added by napalm merge');
      expect(await napalm.command('show startup-config | include ntp server')).toContain('ntp server 10.0.0.42');
      // The merge needs nothing more now.
      expect(await napalm.compareConfig()).toBe('');

      await napalm.rollback();
      expect(await napalm.command('show running-config | include Loopback42|10.0.0.42')).toBe('');
    });
    // close() took `file prompt quiet` away again: the device is as NAPALM found it.
    expect(await running()).toBe(before);
  });

  it('load_replace_candidate + compare_config show the contextual diff; commit_config replaces (the prompt follows the new hostname); rollback restores', async () => {
    const before = await running();
    const candidate = `${before
      .replace('hostname Router1', 'hostname Edge7')
      .replace(' description User LAN', ' description Students')
      .replace(/\nend$/, '\nntp server 10.0.0.7\nend')}\n`;
    await withNapalm(async (napalm) => {
      await napalm.loadReplaceCandidate(candidate);
      expect(await napalm.compareConfig()).toBe(
        [
          '+hostname Edge7',
          'interface GigabitEthernet3',
          ' +description Students',
          '+ntp server 10.0.0.7',
          '-hostname Router1',
          'interface GigabitEthernet3',
          ' -description User LAN',
        ].join('\n'),
      );
      const output = await napalm.commitConfig();
      expect(output).toContain('Total number of passes: 1\nRollback Done');
      expect(await napalm.findPrompt()).toBe('Edge7#');
      expect(await napalm.command('show running-config | include hostname|Students|ntp server')).toBe(
        'hostname Edge7\n description Students\nntp server 10.0.0.7',
      );
      expect(await napalm.command('show startup-config | include hostname')).toBe('hostname Edge7');

      await napalm.rollback();
      expect(await napalm.findPrompt()).toBe('Router1#');
    });
    expect(await running()).toBe(before);
  });

  it('discard_config: the merge file emptied (copy null:) and the candidate reset to the running-config, so compare_config finds nothing', async () => {
    await withNapalm(async (napalm) => {
      await napalm.loadMergeCandidate('hostname Discarded\nend\n');
      expect(await napalm.compareConfig()).toBe('+hostname Discarded');
      await napalm.discardConfig();
      expect(await napalm.compareConfig()).toBe('');
      napalm.configReplace = true;
      expect(await napalm.compareConfig()).toBe('');
      expect(await napalm.command('dir bootflash:/merge_config.txt')).toMatch(/-rw-\s+0\s/);
    });
    expect(await running()).toContain('hostname Router1');
  });

  it('a merge with a line IOS refuses: commit_config raises and its automatic rollback leaves the device as it was', async () => {
    const before = await running();
    await withNapalm(async (napalm) => {
      await napalm.loadMergeCandidate('interface Loopback43\n description half a change\nthis is not a command\nend\n');
      await expect(napalm.commitConfig()).rejects.toThrow(/MergeConfigException: Configuration merge failed; automatic rollback attempted/);
    });
    expect(await running()).toBe(before);
  });

  it('a replace with a line IOS refuses: revert trigger error restores the configuration and commit_config raises', async () => {
    const before = await running();
    await withNapalm(async (napalm) => {
      await napalm.loadReplaceCandidate(`${before.replace('hostname Router1', 'hostname Broken\nfrobnicate everything')}\n`);
      const error = await napalm.commitConfig().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NapalmError);
      expect(String(error)).toContain('The original configuration has been successfully restored.');
    });
    expect(await running()).toBe(before);
  });

  it("with optional_args dest_file_system 'flash:' (IOS-XE's alias) the same merge, commit and rollback work", async () => {
    const before = await running();
    const napalm = await NapalmIosPort.open(login, { destFileSystem: 'flash:' });
    try {
      await napalm.loadMergeCandidate('ntp server 10.0.0.77\nend\n');
      expect(napalm.sent).toContain('dir flash:/merge_config.txt');
      expect(await napalm.compareConfig()).toBe('+ntp server 10.0.0.77');
      await napalm.commitConfig();
      expect(await napalm.command('show running-config | include ntp server')).toBe('ntp server 10.0.0.77');
      await napalm.rollback();
      expect(await napalm.command('show running-config | include ntp server')).toBe('');
    } finally {
      await napalm.close();
    }
    expect(await running()).toBe(before);
  });

  it('get_config: running and startup without the lines NAPALM filters, and an empty candidate', async () => {
    await withNapalm(async (napalm) => {
      await napalm.command('write mem');
      const config = await napalm.getConfig();
      expect(config.candidate).toBe('');
      // `! Last configuration change at …` leaves its line empty, as on IOS.
      expect(config.running).toMatch(/^!\n\n!\nversion \d+\.\d+\n/);
      expect(config.running).not.toMatch(/Building configuration|Current configuration|Last configuration change/);
      expect(config.running.endsWith('\nend')).toBe(true);
      // NAPALM keeps show startup-config's first line (`Using N out of 33554432 bytes`).
      expect(config.startup).toMatch(/^Using \d+ out of 33554432 bytes\n!\n/);
      expect(config.startup.slice(config.startup.indexOf('\n') + 1)).toBe(config.running);
    });
  });
});
