import { DeviceState } from '../device-state';
import { deviceSpec } from '../../test/support/sim-fixture';
import { CliSession } from './cli-session';

function session(privilege: 1 | 15 = 15, rows = 0): { cli: CliSession; writes: string[]; closed: () => boolean; state: DeviceState } {
  const state = new DeviceState(deviceSpec({ privilege }));
  const writes: string[] = [];
  let closed = false;
  const cli = new CliSession({
    state,
    user: 'admin',
    privilege,
    source: '192.0.2.9',
    line: 'vty0',
    rows,
    write: (t) => void writes.push(t),
    close: () => void (closed = true),
  });
  if (rows === 0) cli.setTerminal({ length: 0 });
  cli.start();
  writes.length = 0;
  return { cli, writes, closed: () => closed, state };
}

describe('CliSession', () => {
  it.each([['\r'], ['\n'], ['\r\n']])('takes %j as one Enter', (eol) => {
    const { cli, writes } = session();
    cli.receive(`show clock${eol}${eol}`);
    expect(writes).toHaveLength(1);
    expect(writes[0]!.match(/Router1#/g)).toHaveLength(2);
  });

  it('takes a \\r\\n split across two chunks as one Enter', () => {
    const { cli, writes } = session();
    cli.receive('show clock\r');
    cli.receive('\n');
    expect(writes.join('')).toMatch(/^show clock\r\n[^\r]+\r\nRouter1#$/);
  });

  it('echoes keystrokes one by one and handles Backspace', () => {
    const { cli, writes } = session();
    for (const ch of 'shox\x7fw clock\r') cli.receive(ch);
    expect(writes.slice(0, 5)).toEqual(['s', 'h', 'o', 'x', '\b \b']);
    expect(writes.at(-1)).toMatch(/^\r\n\*[\d:.]+ UTC .*\r\nRouter1#$/);
  });

  it('leaves config mode on Ctrl-C and Ctrl-Z, logging CONFIG_I with the vty and source', () => {
    const { cli, writes, state } = session();
    cli.receive('conf t\r');
    cli.receive('\x03');
    expect(writes.at(-1)).toBe('^C\r\nRouter1#');
    cli.receive('conf t\rint gi3\rshutdown\x1a');
    expect(writes.at(-1)).toMatch(/\^Z\r\nRouter1#$/);
    expect(state.findInterface('Gi3')?.shutdown).toBe(true);
    expect(
      state.logging.lines().filter((l) => l.includes('%SYS-5-CONFIG_I: Configured from console by admin on vty0 (192.0.2.9)')),
    ).toHaveLength(2);
  });

  it('walks exit from config-if to config to exec', () => {
    const { cli, writes } = session();
    cli.receive('conf t\rint lo9\rexit\r');
    expect(writes.at(-1)).toMatch(/Router1\(config\)#$/);
    cli.receive('exit\r');
    expect(writes.at(-1)).toMatch(/exit\r\nRouter1#$/);
  });

  it('runs global commands from config-if, leaving the interface', () => {
    const { cli, writes, state } = session();
    cli.receive('conf t\rint gi1\rhostname Edge-7\r');
    expect(writes.at(-1)).toMatch(/\r\nRouter1\(config-if\)#hostname Edge-7\r\nEdge-7\(config\)#$/);
    expect(state.hostname).toBe('Edge-7');
  });

  it('refuses hostnames over 16 characters or with illegal characters', () => {
    const { cli, writes } = session();
    cli.receive('conf t\rhostname ABCDEFGHIJKLMNOPQ\r');
    expect(writes.at(-1)).toContain(`${' '.repeat('Router1(config)#hostname '.length + 16)}^`);
    cli.receive('hostname bad_name\r');
    expect(writes.at(-1)).toContain('% Hostname contains one or more illegal characters.');
  });

  it('creates virtual interfaces but not physical ones', () => {
    const { cli, writes, state } = session();
    cli.receive('conf t\rinterface Loopback9\r');
    expect(writes.at(-1)).toMatch(/\(config-if\)#$/);
    expect(state.findInterface('Lo9')).toBeDefined();
    cli.receive('interface GigabitEthernet9\r');
    expect(writes.at(-1)).toContain("% Invalid input detected at '^' marker.");
  });

  it('runs exec commands from config mode with do', () => {
    const { cli, writes } = session();
    cli.receive('conf t\rdo sh ip int br | i Loopback\r');
    expect(writes.at(-1)).toMatch(/\(config\)#do sh ip int br \| i Loopback\r\nLoopback0 +1\.1\.1\.1 .*\r\nRouter1\(config\)#$/);
  });

  it('pages long output at the terminal length with --More--', () => {
    const { cli, writes } = session(15, 10);
    cli.receive('show running-config\r');
    // The echoed command, nine lines, then --More-- on the tenth row.
    expect(writes.at(-1)!.split('\r\n')).toHaveLength(11);
    expect(writes.at(-1)).toMatch(/ --More-- $/);
    cli.receive(' ');
    expect(writes.at(-1)!.split('\r\n')).toHaveLength(10);
    cli.receive('\r');
    expect(writes.at(-1)!.split('\r\n')).toHaveLength(2);
    cli.receive('q');
    expect(writes.at(-1)).toMatch(/Router1#$/);
    cli.receive('terminal length 0\rshow running-config\r');
    expect(writes.at(-1)).not.toContain('--More--');
  });

  it('recalls history with the up arrow', () => {
    const { cli, writes } = session();
    cli.receive('show clock\r');
    cli.receive('\x1b[A');
    expect(writes.at(-1)).toBe('show clock');
  });

  it('asks for the destination on copy running-config startup-config', () => {
    const { cli, writes, state } = session();
    cli.receive('copy run start\r');
    expect(writes.at(-1)).toBe('copy run start\r\nDestination filename [startup-config]? ');
    cli.receive('\r');
    expect(writes.at(-1)).toBe('\r\nBuilding configuration...\r\n[OK]\r\nRouter1#');
    expect(state.startupConfig).toContain('hostname Router1');
  });

  it('shows syslog on the session only with terminal monitor', () => {
    const { cli, writes, state } = session();
    state.setShutdown('Gi2', true, 'other');
    expect(writes).toHaveLength(0);
    cli.receive('terminal monitor\r');
    state.setShutdown('Gi2', false, 'other');
    expect(writes.slice(1).join('')).toMatch(
      /^\r\n\*.*%LINK-3-UPDOWN: Interface GigabitEthernet2, changed state to up\r\nRouter1#\r\n.*%LINEPROTO-5-UPDOWN: .*GigabitEthernet2, changed state to up\r\nRouter1#$/,
    );
  });

  it('keeps user mode to privilege-1 commands (caret under the f: "con" still fits "connect")', () => {
    const { cli, writes } = session(1);
    cli.receive('conf t\r');
    expect(writes.at(-1)).toMatch(/^conf t\r\n {11}\^\r\n% Invalid input detected at '\^' marker\.\r\n\r\nRouter1>$/);
    cli.receive('show version | include ^cisco\r');
    expect(writes.at(-1)).toContain('cisco C8000V (VXE) processor');
  });

  it('ignores garbage and caps very long lines', () => {
    const { cli, writes } = session();
    cli.receive(Buffer.from([0x00, 0x01, 0x80, 0xff, 0x1b, 0x5b, 0x32, 0x7e]));
    cli.receive(`${'a'.repeat(10_000)}\r`);
    // Echo stops at MAX_LINE; the rest of the flood is dropped, not buffered.
    expect(writes.join('').length).toBeLessThan(9000);
    expect(writes.at(-1)).toMatch(/Router1#$/);
  });

  it('ends the session on exit, after echoing it', () => {
    const { cli, writes, closed } = session();
    cli.receive('exit\r');
    expect(writes).toEqual(['exit\r\n']);
    expect(closed()).toBe(true);
  });
});

describe('CliSession help and completion', () => {
  it('answers ? with the next words, then reprints the line', () => {
    const { cli, writes } = session();
    cli.receive('sh ip ?');
    expect(writes.at(-1)).toBe(
      [
        'sh ip ?',
        '  access-lists',
        '  arp',
        '  bgp',
        '  interface',
        '  ospf',
        '  protocols',
        '  route',
        '  ssh',
        '  vrf',
        '',
        'Router1#sh ip ',
      ].join('\r\n'),
    );
    cli.receive('interface brief ?');
    expect(writes.at(-1)).toMatch(/\?\r\n {2}<cr>\r\n\r\nRouter1#sh ip interface brief $/);
  });

  it('lists the keywords a partial word may start', () => {
    const { cli, writes } = session();
    cli.receive('c?');
    expect(writes.at(-1)).toBe('c?\r\nclear  clock  configure  connect  copy\r\n\r\nRouter1#c');
  });

  it('completes a unique keyword on Tab', () => {
    const { cli, writes } = session();
    cli.receive('conf\tt\r');
    expect(writes.at(-1)).toMatch(/^configure t\r\nEnter configuration commands/);
  });
});
