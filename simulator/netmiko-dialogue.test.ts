import { startTestSimulator, deviceSpec, type SimFixture } from '../test/support/sim-fixture';
import { ShellClient } from '../test/support/shell-client';

/**
 * Drives the simulator the way Netmiko's cisco_ios driver does (session_preparation,
 * enable, send_command, send_config_set, save_config): each read goes up to a prompt, and the
 * prompt must be the very last thing received, or the library would hang or mis-strip output.
 */
describe('an SSH automation library for IOS (Netmiko dialogue)', () => {
  let fx: SimFixture;
  beforeAll(async () => {
    fx = await startTestSimulator({ devices: [deviceSpec({ privilege: 1 })] });
  });
  afterAll(() => fx.close());

  const BASE = /(?:^|\r\n)Router1(\(config[^)]*\))?[>#]$/;

  /** send_command: write the line, read to the prompt, strip the echo and the trailing prompt. */
  async function sendCommand(shell: ShellClient, command: string, pattern: RegExp = BASE): Promise<string> {
    const raw = await shell.command(command, pattern);
    const lines = raw.split('\r\n');
    expect(lines[0]).toBe(command);
    expect(lines[lines.length - 1]).toMatch(/^Router1(\(config[^)]*\))?[>#]$/);
    return lines.slice(1, -1).join('\n');
  }

  it('runs session preparation, enable, show and config commands unchanged', async () => {
    const shell = await ShellClient.open(fx.port);
    // _test_channel_read / find_prompt: a bare newline answers with the prompt and nothing else.
    expect(await shell.readUntil(/[>#]\s*$/)).toBe('\r\nRouter1>');
    shell.send('\n');
    expect(await shell.readUntil(/[>#]\s*$/)).toBe('\r\nRouter1>');
    await sendCommand(shell, 'terminal width 511');
    await sendCommand(shell, 'terminal length 0');

    // enable(): "enable", read until "ssword", secret, read until "#".
    shell.send('enable\n');
    expect(await shell.readUntil(/ssword/)).toBe('enable\r\nPassword: ');
    shell.send('cisco\n');
    expect(await shell.readUntil(/#\s*$/)).toBe('\r\nRouter1#');
    shell.send('\n');
    expect(await shell.readUntil()).toBe('\r\nRouter1#');

    const brief = await sendCommand(shell, 'show ip interface brief');
    expect(brief.split('\n')[0]).toMatch(/^Interface\s+IP-Address\s+OK\? Method Status\s+Protocol/);
    expect(await sendCommand(shell, 'show version')).toMatch(/Cisco IOS XE Software, Version/);
    expect((await sendCommand(shell, 'show running-config')).split('\n').pop()).toBe('');

    // send_config_set(): config_mode, each command, exit_config_mode with "end".
    await sendCommand(shell, 'configure terminal', /\)#$/);
    await sendCommand(shell, 'interface GigabitEthernet3', /\)#$/);
    await sendCommand(shell, 'description set by automation', /\)#$/);
    await sendCommand(shell, 'end');
    expect(await sendCommand(shell, 'show run | section GigabitEthernet3')).toContain(' description set by automation');

    // save_config(): "write mem".
    expect(await sendCommand(shell, 'write mem')).toBe('Building configuration...\n[OK]');
    shell.send('exit\n');
    await shell.closedByServer();
    shell.dispose();
  });

  it('answers commands sent back-to-back in one packet with the last prompt last', async () => {
    const shell = await ShellClient.open(fx.port);
    await shell.readUntil();
    shell.chunks.length = 0;
    shell.send('terminal length 0\r\nshow clock\rshow clock\n');
    const out = await shell.readUntil(/clock\r\n[^\r]+\r\nRouter1>$/);
    expect(out.match(/Router1>/g)).toHaveLength(3);
    expect(shell.chunks).toHaveLength(1);
    shell.dispose();
  });
});
