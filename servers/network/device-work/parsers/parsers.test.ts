import fs from 'node:fs';
import path from 'node:path';
import { parseShowVersion, uptimeSeconds } from './parse-show-version';
import { parseShowIpInterfaceBrief } from './parse-show-ip-interface-brief';
import { parseShowInterfaces } from './parse-show-interfaces';
import { logEntriesFor, parseShowLogging } from './parse-show-logging';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
/** SSH sessions deliver CRLF; every parser must read both. */
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

describe('parseShowVersion', () => {
  it('reads hostname, release, model, serial and uptime from a C8000V', () => {
    expect(parseShowVersion(fixture('show_version_c8000v.txt'))).toEqual({
      hostname: 'edge-rtr-01',
      version: '17.09.04a',
      model: 'C8000V',
      serial: '9RTQ4K7ZP2M',
      uptime: '3 days, 7 hours, 41 minutes',
      uptime_s: 3 * 86400 + 7 * 3600 + 41 * 60,
      image: 'bootflash:packages.conf',
      config_register: '0x2102',
      reload_reason: 'reload',
    });
  });

  it('falls back to the classic IOS release line on a 16.x CSR1000V', () => {
    const v = parseShowVersion(crlf(fixture('show_version_csr1000v.txt')));
    expect(v).toMatchObject({
      hostname: 'lab-csr',
      version: '16.4.1',
      model: 'CSR1000V',
      serial: '9K0TJ3ZQWB1',
      reload_reason: 'Reload Command',
    });
    expect(v.uptime_s).toBe(31_536_000 + 2 * 604_800 + 86_400 + 5 * 3600 + 60);
  });

  it('answers null for fields an unrelated output lacks', () => {
    expect(parseShowVersion('% Invalid input detected')).toMatchObject({ hostname: null, version: null, model: null, uptime_s: null });
  });

  it.each([
    ['2 hours, 14 minutes', 8040],
    ['1 minute', 60],
    ['no units here', null],
  ])('turns the uptime %p into %p seconds', (text, seconds) => {
    expect(uptimeSeconds(text)).toBe(seconds);
  });
});

describe('parseShowIpInterfaceBrief', () => {
  it('reads every row of the IOS-XE layout, spaces in the status included', () => {
    const rows = parseShowIpInterfaceBrief(crlf(fixture('show_ip_interface_brief_iosxe.txt')));
    expect(rows.map((r) => r.name)).toEqual([
      'GigabitEthernet1',
      'GigabitEthernet2',
      'GigabitEthernet3',
      'GigabitEthernet4.100',
      'Loopback0',
      'Vlan10',
    ]);
    expect(rows[0]).toEqual({ name: 'GigabitEthernet1', ip: '192.0.2.11', ok: true, method: 'NVRAM', status: 'up', protocol: 'up' });
    expect(rows[1]).toMatchObject({ ip: '198.51.100.1', status: 'administratively down', protocol: 'down' });
    expect(rows[2]).toMatchObject({ ip: null, method: 'unset', status: 'down' });
    expect(rows[5]).toMatchObject({ ok: false, status: 'deleted' });
  });

  it('reads the classic IOS layout with its wider first column', () => {
    const rows = parseShowIpInterfaceBrief(fixture('show_ip_interface_brief_ios.txt'));
    expect(rows).toHaveLength(4);
    expect(rows[2]).toEqual({
      name: 'TenGigabitEthernet0/1/0',
      ip: '10.20.30.1',
      ok: true,
      method: 'DHCP',
      status: 'up',
      protocol: 'down',
    });
  });
});

describe('parseShowInterfaces', () => {
  it('reads state, addresses, last input/output and counters of an administratively down interface', () => {
    const [gi1, ...rest] = parseShowInterfaces(crlf(fixture('show_interfaces_gi1_admin_down.txt')));
    expect(rest).toHaveLength(0);
    expect(gi1).toMatchObject({
      name: 'GigabitEthernet1',
      status: 'administratively down',
      protocol: 'down',
      description: 'uplink to core-sw-02',
      hardware: 'CSR vNIC',
      mac: '5254.00a1.07c3',
      ip: '192.0.2.11/24',
      mtu: 1500,
      bandwidth_kbit: 1000000,
      duplex: 'full',
      speed: '1000Mbps',
      last_input: '00:03:17',
      last_output: '00:03:12',
      last_clearing: 'never',
      input_rate_bps: 0,
    });
    expect(gi1!.counters).toEqual({
      packets_in: 48213,
      bytes_in: 4417396,
      broadcasts_in: 311,
      runts: 0,
      giants: 0,
      input_errors: 2,
      crc: 1,
      packets_out: 39107,
      bytes_out: 3441416,
      output_errors: 0,
      collisions: 0,
      interface_resets: 3,
      output_drops: 0,
      lost_carrier: 0,
    });
  });

  it('reads an up interface with traffic', () => {
    const [gi2] = parseShowInterfaces(fixture('show_interfaces_gi2_up.txt'));
    expect(gi2).toMatchObject({
      status: 'up',
      protocol: 'up',
      description: null,
      input_rate_bps: 5000,
      output_rate_bps: 3000,
      last_clearing: '2d04h',
    });
    expect(gi2!.counters).toMatchObject({ packets_in: 1290455, bytes_out: 90848032, output_drops: 17 });
  });

  it('reads a link that is down with no address and no traffic ever', () => {
    const [gi3] = parseShowInterfaces(fixture('show_interfaces_gi3_link_down.txt'));
    expect(gi3).toMatchObject({ status: 'down', protocol: 'down', ip: null, duplex: 'auto', speed: 'Auto Speed', last_input: 'never' });
    expect(gi3!.counters.lost_carrier).toBe(4);
  });

  it('reads a loopback, which has no MAC address', () => {
    const [lo] = parseShowInterfaces(fixture('show_interfaces_loopback0.txt'));
    expect(lo).toMatchObject({ name: 'Loopback0', hardware: 'Loopback', mac: null, ip: '10.255.0.1/32', mtu: 1514, duplex: null });
  });

  it('splits the output of several interfaces into one entry each', () => {
    const all = [
      fixture('show_interfaces_gi1_admin_down.txt'),
      fixture('show_interfaces_gi2_up.txt'),
      fixture('show_interfaces_loopback0.txt'),
    ].join('');
    expect(parseShowInterfaces(all).map((d) => `${d.name}:${d.status}`)).toEqual([
      'GigabitEthernet1:administratively down',
      'GigabitEthernet2:up',
      'Loopback0:up',
    ]);
  });
});

describe('parseShowLogging', () => {
  const entries = parseShowLogging(crlf(fixture('show_logging.txt')));

  it('reads the message lines and skips the header block', () => {
    expect(entries).toHaveLength(9);
    expect(entries[5]).toEqual({
      timestamp: '*Feb  9 13:11:27.198',
      facility: 'LINK',
      severity: 5,
      mnemonic: 'CHANGED',
      message: 'Interface GigabitEthernet1, changed state to administratively down',
      line: '*Feb  9 13:11:27.198: %LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
    });
    expect(entries[8]).toMatchObject({ timestamp: 'Jun 19 03:02:32', facility: 'LINK', severity: 3 });
  });

  it('picks the lines of one interface without matching GigabitEthernet10', () => {
    const gi1 = logEntriesFor(entries, 'GigabitEthernet1');
    expect(gi1.map((e) => e.mnemonic)).toEqual(['UPDOWN', 'UPDOWN', 'CHANGED', 'UPDOWN']);
    expect(gi1.every((e) => !e.message.includes('GigabitEthernet10'))).toBe(true);
    expect(logEntriesFor(entries, 'GigabitEthernet1', 2).map((e) => e.timestamp)).toEqual(['*Feb  9 13:11:27.198', '*Feb  9 13:11:28.198']);
  });
});
