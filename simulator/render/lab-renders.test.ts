import { DeviceState } from '../device-state';
import { LabNetwork } from '../lab-network';
import { deviceSpec } from '../../test/support/sim-fixture';
import { renderShowIpArp } from './show-ip-arp';
import { renderShowCdpNeighbors } from './show-cdp';
import { renderShowLldpNeighbors } from './show-lldp';
import { renderShowInterfacesDescription } from './show-interfaces-description';
import { renderShowIpv6InterfaceBrief } from './show-ipv6-interface';
import { renderShowUsers } from './show-users';
import { renderShowProcessesCpu } from './show-processes-cpu';
import { renderShowMemoryStatistics } from './show-memory-statistics';
import { renderDir } from './dir';
import { renderShowInventory } from './show-inventory';
import { renderShowNtpStatus } from './show-ntp';

/** Where each word of a line starts: the columns a fixed-width parser slices on. */
const columns = (line: string): Array<[number, string]> => [...line.matchAll(/\S+/g)].map((m) => [m.index ?? 0, m[0]]);

/**
 * Layouts checked against what real devices print (simulator/reference/ios-xe.md names the
 * captures): the columns, and the expressions ntc-templates and Ansible's ios_facts read them with.
 */
describe('IOS-XE layouts of the lab commands', () => {
  let clock = Date.UTC(2024, 2, 4, 10, 15, 2);
  const r1 = new DeviceState(deviceSpec({ serial: '9ABCDEFGHIJ' }), { now: () => clock });
  const r2 = new DeviceState(deviceSpec({ name: 'Router2', interfaces: [{ name: 'GigabitEthernet1', ip: '10.0.12.2/24' }] }), {
    now: () => clock,
    index: 1,
  });
  const net = new LabNetwork([r1, r2], [{ a: { device: 'Router1', interface: 'Gi1' }, b: { device: 'Router2', interface: 'Gi1' } }]);
  afterAll(() => net.close());

  it('show ip arp: own addresses aged "-", the neighbour across the cable with its minutes, in the IOS-XE columns', () => {
    clock += 5 * 60_000;
    const lines = renderShowIpArp(r1);
    expect(lines[0]).toBe('Protocol  Address          Age (min)  Hardware Addr   Type   Interface');
    expect(columns(lines[2]!)).toEqual([
      [0, 'Internet'],
      [10, '10.0.12.2'],
      [34, '5'],
      [38, r2.findInterface('Gi1')!.mac],
      [54, 'ARPA'],
      [61, 'GigabitEthernet1'],
    ]);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['10.0.12.1', '10.0.12.2', '10.0.13.1', '192.168.1.1']);
    expect(columns(lines[1]!)[2]).toEqual([34, '-']);
  });

  it('show cdp neighbors: a long Device ID on its own line, then the row in the CDP columns', () => {
    const lines = renderShowCdpNeighbors(r1);
    expect(lines.slice(4, 7)).toEqual([
      'Device ID        Local Intrfce     Holdtme    Capability  Platform  Port ID',
      'Router2.lab.local',
      expect.any(String),
    ]);
    expect(columns(lines[6]!)).toEqual([
      [17, 'Gig'],
      [21, '1'],
      [35, expect.stringMatching(/^1[2-8]\d$/)],
      [52, 'R'],
      [54, 'I'],
      [58, 'C8000V'],
      [68, 'Gig'],
      [72, '1'],
    ]);
    // ntc-templates' row expression for an indented continuation line.
    expect(lines[6]).toMatch(/^\s*(\S+(?:\s\S+)?)\s+\d+\s+((?:\w\s)*\w)\s+((?:[IiPp]{2}\s)?\S+)\s+(.+?)\s*$/);
    expect(lines.at(-1)).toBe('Total cdp entries displayed : 1');
  });

  it('show lldp neighbors needs LLDP on both ends, and cuts the Device ID to 20 characters', () => {
    expect(renderShowLldpNeighbors(r1)).toEqual(['% LLDP is not enabled']);
    r1.configure('admin', (s) => (s.lldp = true));
    expect(renderShowLldpNeighbors(r1).at(-1)).toBe('Total entries displayed: 0');
    r2.configure('admin', (s) => (s.lldp = true));
    expect(renderShowLldpNeighbors(r1)[5]).toBe('Router2.lab.local   Gi1            120        R               Gi1');
  });

  it('show interfaces description: short names, "admin down", and the 31/15/9 columns', () => {
    r1.setShutdown('Gi3', true, 'admin');
    r1.setDescription('Gi3', 'User LAN', 'admin');
    const lines = renderShowInterfacesDescription(r1);
    expect(lines[0]).toBe('Interface                      Status         Protocol Description');
    expect(lines[3]).toBe('Gi3                            admin down     down     User LAN');
    for (const l of lines.slice(1)) expect(l).toMatch(/^(\S+)\s+(up|down|deleted|admin\s+down)\s+(up|down)(?:\s+(\S.*?))?\s*$/);
  });

  it('show ipv6 interface brief: [status/protocol] from column 23, unassigned below', () => {
    expect(renderShowIpv6InterfaceBrief(r1).slice(4, 6)).toEqual(['GigabitEthernet3       [administratively down/down]', '    unassigned']);
  });

  it("show users marks the asker's own line with *, counts vty lines from 1, and shows the idle time", () => {
    const leave = r1.sessions.add({ line: 'vty0', user: 'admin', source: '192.0.2.9', lastInput: clock - 65_000 });
    const other = r1.sessions.add({ line: 'vty1', user: 'student', source: '192.0.2.10', lastInput: clock });
    const lines = renderShowUsers(r1, 'vty1');
    expect(lines.slice(1, 3)).toEqual([
      '   1 vty 0     admin      idle                 00:01:05 192.0.2.9',
      '*  2 vty 1     student    idle                 00:00:00 192.0.2.10',
    ]);
    for (const l of lines.slice(1, 3)) expect(l).toMatch(/^\s*((\*\s+)?\d+\s+(con|aux|tty|vty)\s+\d+)\s+(\S*)\s+(\S*)\s+(\S+)\s+(\S*)\s*$/);
    leave();
    other();
  });

  it('show processes cpu: the utilisation line (what `| include CPU` keeps), then rows in the IOS columns; sorted puts the busiest first', () => {
    const lines = renderShowProcessesCpu(r1, false);
    expect(lines.filter((l) => /CPU/.test(l))).toEqual([
      expect.stringMatching(/^CPU utilization for five seconds: \d+%\/\d+%; one minute: \d+%; five minutes: \d+%$/),
    ]);
    expect(lines[1]).toBe(' PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ');
    for (const l of lines.slice(2)) expect(l).toMatch(/^\s*\d+\s+\d+\s+\d+\s+\d+\s+\d+\.\d+%\s+\d+\.\d+%\s+\d+\.\d+%\s+\d+\s+.{16} $/);
    expect(renderShowProcessesCpu(r1, true)[2]).toMatch(/ IOSD ipc task {4}$/);
  });

  it('show memory statistics: the Processor line Ansible reads memtotal_mb and memfree_mb from', () => {
    const lines = renderShowMemoryStatistics(r1, 100);
    const processor = lines.filter((l) => l.includes('Processor')).pop() ?? '';
    const numbers = [...processor.matchAll(/\s(\d+)\s/g)].map((m) => Number(m[1]));
    expect(numbers[0]).toBe(1_862_580_288);
    expect(numbers[0]! - numbers[2]!).toBe(numbers[1]);
    expect(lines.slice(3, 6).map((l) => l.slice(0, 9))).toEqual(['Processor', 'reserve P', ' lsmpi_io']);
  });

  it('dir: the rows ntc-templates reads, and the total and free space Ansible reads', () => {
    const lines = renderDir(r1);
    expect(lines[0]).toBe('Directory of bootflash:/');
    for (const l of lines.slice(2, -3))
      expect(l).toMatch(/^\s*(\d+)\s+(.+?)\s+(\d+)\s+(\w{3} \d{1,2} \d{4} \d\d:\d\d:\d\d \+00:00)\s+(\S+)\s*$/);
    expect(lines).toContain('17      -rw-             7468  Mar 4 2024 10:15:02 +00:00  packages.conf');
    expect(lines.at(-1)).toMatch(/^(\d+) bytes total \((\d+) bytes free\)$/);
  });

  it('show inventory: NAME/DESCR then PID/VID/SN, the chassis carrying the serial of show version', () => {
    expect(renderShowInventory(r1).slice(0, 2)).toEqual([
      'NAME: "Chassis", DESCR: "Cisco C8000V Chassis"',
      'PID: C8000V            , VID: V00  , SN: 9ABCDEFGHIJ',
    ]);
  });

  it('show ntp status: not enabled, unsynchronised while the server is out of reach, synchronised once it answers', () => {
    expect(renderShowNtpStatus(r1)).toEqual(['%NTP is not enabled.']);
    r1.configure('admin', (s) => s.ntpServers.push('10.0.12.99'));
    expect(renderShowNtpStatus(r1)[0]).toBe('Clock is unsynchronized, stratum 16, no reference clock');
    r1.configure('admin', (s) => s.ntpServers.push('10.0.12.2'));
    expect(renderShowNtpStatus(r1)[0]).toBe('Clock is synchronized, stratum 2, reference is 10.0.12.2');
    expect(renderShowNtpStatus(r1)[3]).toMatch(/^reference time is [0-9A-F]{8}\.[0-9A-F]{8} \(\d\d:\d\d:\d\d\.\d{3} UTC Mon Mar 4 2024\)$/);
  });
});
