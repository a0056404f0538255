import { inProcessCli } from '../../test/support/sim-fixture';
import { MAX_CONFIG_LINES, parseConfig } from './config-tree';
import { diffConfigs, renderContextualDiff } from './config-diff';

/** A device with `file prompt quiet`, its running-config saved as bootflash:base.cfg. */
function device(): ReturnType<typeof inProcessCli> {
  const cli = inProcessCli();
  cli.run('configure terminal');
  cli.run('file prompt quiet');
  cli.run('end');
  cli.run('copy running-config bootflash:base.cfg');
  return cli;
}

/** The saved configuration with `edit` applied to its text. */
function edited(cli: ReturnType<typeof inProcessCli>, edit: (text: string) => string): Buffer {
  return Buffer.from(edit(cli.state.files.get('base.cfg')?.bytes.toString() ?? ''));
}

const CHANGE = (text: string): string =>
  text
    .replace(' description Link to core\n', ' description uplink\n')
    .replace('ip forward-protocol nd\n', 'interface Loopback9\n ip address 9.9.9.9 255.255.255.255\n!\nip forward-protocol nd\n')
    .replace('ntp server 10.0.0.1\n', '');

describe('configuration files as IOS reads them', () => {
  it('parses submodes by indentation, skips comments and headers, keeps a banner whole, stops at end', () => {
    const nodes = parseConfig(
      'Building configuration...\n\nCurrent configuration : 10 bytes\n!\nhostname R\ninterface Gi1\n shutdown\nbanner motd ^C\nhi!\n^C\nend\nhostname after-end\n',
    );
    expect(nodes.map((n) => n.text)).toEqual(['hostname R', 'interface Gi1', 'banner motd ^C']);
    expect(nodes[1]?.children.map((c) => c.text)).toEqual(['shutdown']);
    expect(nodes[2]?.more).toEqual(['hi!', '^C']);
  });

  it('contextual diff: additions then removals, each under the line of its mode, signs after the indent', () => {
    const base = parseConfig('hostname R1\ninterface Gi2\n no ip address\nntp server 1.1.1.1\nend\n');
    const next = parseConfig(
      'hostname R1\ninterface Gi2\n ip address 172.20.0.1 255.255.255.0\nrouter bgp 65000\n bgp log-neighbor-changes\nend\n',
    );
    expect(renderContextualDiff(diffConfigs(base, next))).toEqual([
      '!Contextual Config Diffs:',
      'interface Gi2',
      ' +ip address 172.20.0.1 255.255.255.0',
      '+router bgp 65000',
      ' +bgp log-neighbor-changes',
      'interface Gi2',
      ' -no ip address',
      '-ntp server 1.1.1.1',
      '',
    ]);
  });
});

describe('configure replace and the archive diffs', () => {
  it('show archive config differences lists what the file changes; configure replace applies exactly that', () => {
    const cli = device();
    cli.run('configure terminal');
    cli.run('ntp server 10.0.0.1');
    cli.run('end');
    cli.run('copy running-config bootflash:base.cfg');
    cli.state.files.write('next.cfg', edited(cli, CHANGE), cli.state.now());
    const diff = cli.run('show archive config differences system:/running-config bootflash:/next.cfg');
    expect(diff).toEqual([
      '!Contextual Config Diffs:',
      'interface GigabitEthernet2',
      ' +description uplink',
      '+interface Loopback9',
      ' +ip address 9.9.9.9 255.255.255.255',
      'interface GigabitEthernet2',
      ' -description Link to core',
      '-ntp server 10.0.0.1',
      '',
    ]);
    expect(cli.run('configure replace bootflash:/next.cfg force')).toEqual(['Total number of passes: 1', 'Rollback Done', '']);
    expect(cli.run('show archive config differences system:running-config bootflash:next.cfg')).toEqual(['!No changes were found']);
    expect(cli.run('show running-config | include uplink|Loopback9|ntp')).toEqual(['interface Loopback9', ' description uplink']);
    expect(cli.state.logging.lines().at(-1)).toMatch(/CONFIG_I: Configured from bootflash:\/next\.cfg by admin/);
    // And back: the saved file replaces the changes again.
    expect(cli.run('configure replace bootflash:base.cfg force')[0]).toBe('Total number of passes: 1');
    expect(cli.run('show archive config differences system:running-config bootflash:base.cfg')).toEqual(['!No changes were found']);
    expect(cli.run('configure replace bootflash:base.cfg force')[0]).toBe('Total number of passes: 0');
  });

  it('a line the router refuses: revert trigger error puts the old configuration back', () => {
    const cli = device();
    const before = cli.run('show running-config | exclude Last configuration');
    cli.state.files.write(
      'bad.cfg',
      edited(cli, (t) => t.replace('hostname Router1\n', 'hostname Router9\nfoo bar baz\n')),
      cli.state.now(),
    );
    const out = cli.run('configure replace bootflash:bad.cfg force revert trigger error');
    expect(out[0]).toBe('Failed to apply command foo bar baz');
    expect(out).toContain('Rollback Done');
    expect(out.at(-1)).toBe('The original configuration has been successfully restored.');
    expect(cli.run('show running-config | exclude Last configuration')).toEqual(before);
  });

  it('without revert, IOS tries five passes and lists the commands that failed', () => {
    const cli = device();
    cli.state.files.write(
      'bad.cfg',
      edited(cli, (t) => t.replace('hostname Router1\n', 'hostname Router9\nfoo bar baz\n')),
      cli.state.now(),
    );
    const out = cli.run('configure replace bootflash:bad.cfg force');
    expect(out).toContain('Rollback aborted after 5 passes');
    expect(out.slice(out.indexOf('The following commands are failed to apply to the IOS image.'))).toEqual([
      'The following commands are failed to apply to the IOS image.',
      '********',
      'foo bar baz',
      '********',
      '',
    ]);
    // What could be applied was.
    expect(cli.state.hostname).toBe('Router9');
  });

  it('without force IOS asks first; no file is an %Error', () => {
    const cli = device();
    expect(cli.run('configure replace bootflash:base.cfg')).toContain('configuration.');
    expect(cli.writes.join('')).toContain('Enter Y if you are sure you want to proceed. ? [no]: ');
    expect(cli.run('y')[0]).toBe('Total number of passes: 0');
    expect(cli.run('configure replace bootflash:none.cfg force')).toEqual([
      '%Error opening bootflash:/none.cfg (No such file or directory)',
    ]);
  });

  it('incremental-diffs: what merging a file would add, or that nothing would change', () => {
    const cli = device();
    cli.state.files.write('m.cfg', Buffer.from('interface GigabitEthernet2\n description x\nhostname Router1\nend\n'), cli.state.now());
    expect(cli.run('show archive config incremental-diffs bootflash:/m.cfg ignorecase')).toEqual([
      '!List of Commands:',
      'interface GigabitEthernet2',
      ' description x',
      'end',
      '',
    ]);
    cli.state.files.write('same.cfg', Buffer.from('HOSTNAME Router1\nend\n'), cli.state.now());
    expect(cli.run('show archive config incremental-diffs bootflash:/same.cfg ignorecase')).toEqual([
      '!List of Commands:',
      'end',
      '!No changes were found',
    ]);
  });
});

describe('bounds on configuration files', () => {
  it(`a file of more than ${MAX_CONFIG_LINES} lines is refused before any line is applied`, () => {
    const cli = device();
    const lines = Array.from({ length: MAX_CONFIG_LINES + 1 }, (_, i) => `ntp server 10.0.${i % 250}.${(i >> 8) % 250}`).join('\n');
    cli.state.files.write('huge.cfg', Buffer.from(lines), cli.state.now());
    const refused = [
      `%Error reading bootflash:/huge.cfg (File too large: ${MAX_CONFIG_LINES + 1} lines, this router applies at most ${MAX_CONFIG_LINES})`,
    ];
    expect(cli.run('copy bootflash:huge.cfg running-config')).toEqual(refused);
    expect(cli.run('configure replace bootflash:huge.cfg force')).toEqual(refused);
    expect(cli.run('show archive config incremental-diffs bootflash:huge.cfg')).toEqual(refused);
    expect(cli.state.settings.ntpServers).toEqual([]);
  });
});
