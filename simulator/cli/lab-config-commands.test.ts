import { DeviceState } from '../device-state';
import { deviceSpec, inProcessCli } from '../../test/support/sim-fixture';

const session = inProcessCli;

const config = (state: DeviceState, ...lines: string[]): string[] => {
  const { run } = session(state);
  run('configure terminal');
  const out = lines.flatMap(run);
  run('end');
  return out;
};

const runningConfig = (state: DeviceState): string[] => session(state).run('show running-config');

describe('the configuration commands behind the lab', () => {
  it('ip route: added, refused for a mask that does not fit, listed in address order, and removed with no', () => {
    const state = new DeviceState(deviceSpec());
    expect(config(state, 'ip route 10.0.0.5 255.255.255.0 10.0.12.2')).toEqual(['%Inconsistent address and mask']);
    expect(
      config(
        state,
        'ip route 172.16.0.0 255.255.0.0 10.0.12.2 200',
        'ip route 0.0.0.0 0.0.0.0 Gi1 10.0.12.2',
        'ip route 10.9.0.0 255.255.0.0 Gi2',
      ),
    ).toEqual([]);
    expect(runningConfig(state).filter((l) => l.startsWith('ip route'))).toEqual([
      'ip route 0.0.0.0 0.0.0.0 GigabitEthernet1 10.0.12.2',
      'ip route 10.9.0.0 255.255.0.0 GigabitEthernet2',
      'ip route 172.16.0.0 255.255.0.0 10.0.12.2 200',
    ]);
    expect(config(state, 'no ip route 172.16.0.0 255.255.0.0', 'no ip route 172.16.0.0 255.255.0.0')).toEqual([
      '%No matching route to delete',
    ]);
    expect(state.settings.staticRoutes.map((r) => r.network)).toEqual(['0.0.0.0', '10.9.0.0']);
  });

  it('keeps at most 100 static routes and 50 users, so a paste of thousands of lines cannot grow without end', () => {
    const state = new DeviceState(deviceSpec());
    const routes = Array.from({ length: 101 }, (_, i) => `ip route 10.100.${i}.0 255.255.255.0 10.0.12.2`);
    expect(config(state, ...routes)).toEqual(['% The simulator keeps at most 100 static routes']);
    expect(state.settings.staticRoutes).toHaveLength(100);
    const users = Array.from({ length: 50 }, (_, i) => `username user${i} secret pass-${i}`);
    expect(config(state, ...users)).toEqual(['% The simulator keeps at most 50 local users']);
    expect(config(state, `username ${'x'.repeat(65)} secret s`)).toEqual([
      expect.stringMatching(/^ +\^$/),
      "% Invalid input detected at '^' marker.",
      '',
    ]);
  });

  it('cdp run, lldp run and ntp server appear in the running-config where IOS puts them', () => {
    const state = new DeviceState(deviceSpec());
    config(state, 'no cdp run', 'lldp run', 'ntp server 10.0.12.2', 'ntp server 10.0.13.3', 'no ntp server 10.0.12.2');
    const lines = runningConfig(state);
    expect(lines.slice(lines.indexOf('ip ssh version 2'), lines.indexOf('ip ssh version 2') + 4)).toEqual([
      'ip ssh version 2',
      '!',
      'lldp run',
      'no cdp run',
    ]);
    expect(lines.slice(-5)).toEqual(['!', 'ntp server 10.0.13.3', '!', 'end', '']);
    expect(state.settings).toMatchObject({ cdp: false, lldp: true, ntpServers: ['10.0.13.3'] });
  });

  it('username … privilege … secret adds an account whose secret is never shown', () => {
    const state = new DeviceState(deviceSpec());
    config(state, 'username student privilege 15 secret S3cret-Pass', 'username guest secret 0 guest-pass');
    const users = runningConfig(state).filter((l) => l.startsWith('username'));
    expect(users).toEqual([
      expect.stringMatching(/^username admin privilege 15 secret 9 \$9\$\S{14}\$\S+$/),
      expect.stringMatching(/^username student privilege 15 secret 9 \$9\$/),
      // Level 1 is IOS's default, and IOS leaves it out.
      expect.stringMatching(/^username guest secret 9 \$9\$/),
    ]);
    expect(users.join('\n')).not.toMatch(/S3cret|guest-pass/);
    expect(state.settings.users.find((u) => u.name === 'guest')).toMatchObject({ privilege: 1, secret: 'guest-pass' });
    config(state, 'no username guest');
    expect(state.settings.users.map((u) => u.name)).toEqual(['admin', 'student']);
  });

  it('banner motd takes lines until the delimiter, keeps ? as text, and shows as ^C … ^C', () => {
    const state = new DeviceState(deviceSpec());
    const { cli, run } = session(state);
    run('configure terminal');
    expect(run('banner motd #')).toEqual(["Enter TEXT message.  End with the character '#'."]);
    // No prompt while the text is typed, then the config prompt after the delimiter.
    expect(run('Authorised access only?')).toEqual([]);
    run('Lab 6 router#');
    expect(cli.prompt).toBe('Router1(config)#');
    run('end');
    expect(state.settings.bannerMotd).toBe('\nAuthorised access only?\nLab 6 router');
    const lines = runningConfig(state);
    expect(lines.slice(lines.indexOf('banner motd ^C'), lines.indexOf('banner motd ^C') + 4)).toEqual([
      'banner motd ^C',
      'Authorised access only?',
      'Lab 6 router^C',
      'line con 0',
    ]);
    config(state, 'banner motd $one line$');
    expect(state.settings.bannerMotd).toBe('one line');
    config(state, 'no banner motd');
    expect(state.settings.bannerMotd).toBeUndefined();
  });

  it('shows the banner before the first prompt of a new session', () => {
    const state = new DeviceState(deviceSpec());
    config(state, 'banner motd ^CKeep out^C');
    const { writes } = session(state);
    expect(writes).toEqual(['\r\nKeep out\r\nRouter1#']);
  });

  it('ping takes repeat and source in either order, and refuses a source the device does not have up', () => {
    const { run } = session();
    expect(run('ping 10.0.12.1 source lo0 repeat 2').slice(1, 4)).toEqual([
      'Sending 2, 100-byte ICMP Echos to 10.0.12.1, timeout is 2 seconds:',
      'Packet sent with a source address of 1.1.1.1',
      '!!',
    ]);
    expect(run('ping 10.0.12.1 repeat 2 source 10.0.13.1')[2]).toBe('Packet sent with a source address of 10.0.13.1');
    expect(run('ping 10.0.12.1 source 10.0.99.1')).toEqual(['% Invalid source address- IP address not on any of our up interfaces']);
    run('configure terminal');
    run('interface gi3');
    run('shutdown');
    run('end');
    expect(run('ping 10.0.12.1 source gi3')).toEqual(['% Invalid source interface - IP not enabled or interface is down']);
  });

  it('write memory saves what show startup-config then shows, under its NVRAM size line', () => {
    const state = new DeviceState(deviceSpec());
    const { run } = session(state);
    config(state, 'ip route 10.9.0.0 255.255.0.0 10.0.12.2');
    expect(run('write memory')).toEqual(['Building configuration...', '[OK]']);
    const startup = run('show startup-config');
    expect(startup[0]).toMatch(/^Using \d+ out of 33554432 bytes$/);
    expect(startup).toContain('ip route 10.9.0.0 255.255.0.0 10.0.12.2');
    expect(startup.at(-2)).toBe('end');
  });
});
