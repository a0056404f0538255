import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { DeviceSpec, LinkSpec } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { isOperUp } from '../simulator/device-interface';
import { tempDir } from './support/test-config';
import { ROOT } from './support/spawn-process';

/**
 * NAPALM's ios driver against the simulator. Debian does not package NAPALM, but its ios driver
 * reaches a device only through Netmiko; test/napalm/napalm_ios_sequences.py sends, with Debian's
 * Netmiko, exactly the commands each getter sends and parses the answers with the driver's own
 * rules, ported from napalm-automation/napalm `napalm/ios/ios.py` at commit
 * ee70e634555f6d1f9d32369f2151dde526ad6dfd (5.2.0 + 3). A layout the driver cannot read fails here.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(ROOT, 'test/napalm/napalm_ios_sequences.py');
// Decided while jest collects, before any simulator exists: the one synchronous call.
const hasNetmiko = spawnSync(PYTHON, ['-c', 'import netmiko'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

const LOGIN = { username: 'admin', password: 'napalm-pass-123', enableSecret: 'napalm-enable-456' } as const;
const DEVICES: DeviceSpec[] = [
  { name: 'Router1', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15 },
  {
    name: 'Router2',
    host: '127.0.0.1',
    port: 0,
    ...LOGIN,
    privilege: 15,
    interfaces: [
      { name: 'GigabitEthernet1', ip: '10.0.12.2/24' },
      { name: 'Loopback0', ip: '2.2.2.2/32' },
    ],
  },
];
const LINKS: LinkSpec[] = [
  { a: { device: 'Router1', interface: 'GigabitEthernet1' }, b: { device: 'Router2', interface: 'GigabitEthernet1' } },
];

interface GetterRun {
  result?: unknown;
  error?: string;
  commands: string[];
  refused: string[];
}

/** netaddr's mac_unix_expanded, upper case: how NAPALM normalises `5254.0012.3456`. */
const napalmMac = (ios: string): string => (ios.replace(/\./g, '').match(/../g) ?? []).join(':').toUpperCase();

const suite = hasNetmiko
  ? describe
  : (name: string, fn: () => void): void =>
      describe.skip(`${name} [skipped: ${PYTHON} cannot import netmiko; apt-get install python3-netmiko]`, fn);

suite("NAPALM's ios driver sequences (over Debian's Netmiko) against the simulator", () => {
  let dir: string;
  let sim: RunningSimulator;
  let runs: Record<string, GetterRun>;
  const run = (getter: string): GetterRun => {
    const r = runs[getter];
    if (!r) throw new Error(`no run of ${getter}`);
    return r;
  };
  const result = <T>(getter: string): T => run(getter).result as T;

  beforeAll(async () => {
    dir = tempDir('hooklab-napalm-');
    sim = await startSimulator({
      devices: DEVICES,
      links: LINKS,
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logToConsole: false,
      logDir: dir,
    });
    // What the getters should find: LLDP on both ends, an NTP server, a static route.
    for (const name of ['Router1', 'Router2']) sim.state(name).configure('setup', (c) => void (c.lldp = true));
    sim.state('Router1').configure('setup', (c) => {
      c.ntpServers = ['10.0.12.2'];
      c.staticRoutes = [{ network: '2.2.2.2', prefix: 32, nextHop: '10.0.12.2', distance: 1 }];
    });
    const port = sim.devices[0]!.sshPort;
    const args = [SCRIPT, '--port', String(port), '--route-to', '10.0.12.0/24', '--route-to', '2.2.2.2', '--ping', '10.0.12.2'];
    const env = { PATH: '/usr/bin:/bin', HOME: dir, DEVICE_PASSWORD: LOGIN.password, DEVICE_ENABLE_SECRET: LOGIN.enableSecret };
    try {
      const { stdout } = await promisify(execFile)(PYTHON, [...args, '--traceroute', '2.2.2.2'], { env, timeout: 120_000 });
      runs = JSON.parse(stdout) as Record<string, GetterRun>;
    } catch (err) {
      const out = err as { message: string; stdout?: string; stderr?: string };
      throw new Error(`napalm_ios_sequences.py failed: ${out.message}\n${out.stdout ?? ''}\n${out.stderr ?? ''}`);
    }
  }, 150_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every getter parsed its answers, and the device refused none of its commands', () => {
    for (const [getter, r] of Object.entries(runs)) {
      // NAPALM expects `show env temperature status` to be missing on some IOS devices and reads that.
      const refused = r.refused.filter((c) => c !== 'show env temperature status');
      expect({ getter, error: r.error, refused }).toEqual({ getter, error: undefined, refused: [] });
    }
  });

  it('get_facts: hostname, FQDN from show hosts, serial, model, version and the interfaces', () => {
    const state = sim.state('Router1');
    expect(run('get_facts').commands).toEqual(['show version', 'show hosts', 'show ip interface brief']);
    expect(result('get_facts')).toMatchObject({
      hostname: 'Router1',
      fqdn: 'Router1.lab.local',
      vendor: 'Cisco',
      serial_number: state.serial,
      model: 'C8000V',
      os_version: 'Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)',
      interface_list: state.interfaces().map((i) => i.name),
    });
  });

  it('get_interfaces: state, description, MAC, MTU and speed of each interface', () => {
    const expected = Object.fromEntries(
      sim
        .state('Router1')
        .interfaces()
        .map((i) => {
          const loopback = i.name.startsWith('Loopback');
          return [
            i.name,
            {
              is_enabled: !i.shutdown,
              is_up: isOperUp(i),
              description: i.description ?? '',
              mac_address: loopback ? '' : napalmMac(i.mac),
              last_flapped: -1,
              mtu: loopback ? 1514 : 1500,
              speed: loopback ? 8000 : 1000,
            },
          ];
        }),
    );
    expect(result('get_interfaces')).toEqual(expected);
  });

  it('get_interfaces_ip: each addressed interface with its prefix length', () => {
    const expected = Object.fromEntries(
      sim
        .state('Router1')
        .interfaces()
        .flatMap((i) => (i.ip ? [[i.name, { ipv4: { [i.ip.address]: { prefix_length: i.ip.prefix } } }]] : [])),
    );
    expect(result('get_interfaces_ip')).toEqual(expected);
  });

  it("get_arp_table: the router's own address (age -1) and Router2 across the cable, with Router2's MAC", () => {
    const far = sim.state('Router2').findInterface('Gi1')!;
    const table = result<Array<{ ip: string; mac: string; interface: string; age: number }>>('get_arp_table');
    expect(table).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ip: '10.0.12.1', age: -1, interface: 'GigabitEthernet1' }),
        expect.objectContaining({ ip: '10.0.12.2', mac: napalmMac(far.mac), interface: 'GigabitEthernet1' }),
      ]),
    );
  });

  it('get_lldp_neighbors(_detail): Router2 on GigabitEthernet1, as the TextFSM template reads it', () => {
    expect(result('get_lldp_neighbors')).toEqual({ GigabitEthernet1: [{ hostname: 'Router2.lab.local', port: 'Gi1' }] });
    expect(result<Record<string, unknown[]>>('get_lldp_neighbors_detail').GigabitEthernet1).toEqual([
      expect.objectContaining({
        remote_system_name: 'Router2.lab.local',
        remote_port: 'Gi1',
        remote_system_capab: expect.arrayContaining(['router']),
        remote_system_enable_capab: ['router'],
        remote_system_description: expect.stringContaining('Cisco IOS Software'),
      }),
    ]);
  });

  it('get_environment: CPU from show proc cpu, memory from show memory statistics', () => {
    const env = result<{ cpu: Record<string, { '%usage': number }>; memory: { used_ram: number; available_ram: number } }>(
      'get_environment',
    );
    expect(run('get_environment').commands).toEqual(['show proc cpu', 'show memory statistics', 'show env temperature status']);
    expect(env.cpu['0']?.['%usage']).toBeGreaterThanOrEqual(0);
    expect(env.memory.used_ram).toBeGreaterThan(0);
    expect(env.memory.used_ram).toBeLessThan(env.memory.available_ram);
  });

  it('get_snmp_information: no snmp-server lines, so the chassis id is what show snmp chassis answers', () => {
    expect(run('get_snmp_information').commands).toEqual(['show run | include snmp-server', 'show snmp chassis']);
    expect(result('get_snmp_information')).toEqual({
      chassis_id: '%SNMP agent not enabled',
      community: {},
      contact: 'unknown',
      location: 'unknown',
    });
  });

  it('get_users and get_ntp_servers read the running-config', () => {
    expect(result('get_users')).toEqual({ admin: { level: 15, password: expect.stringMatching(/^\$9\$/), sshkeys: [] } });
    expect(result('get_ntp_servers')).toEqual({ '10.0.12.2': {} });
  });

  it('get_route_to: show vrf (none), then the routing entry for a prefix and for an address', () => {
    expect(run('get_route_to 10.0.12.0/24').commands).toEqual(['show vrf', 'show ip route 10.0.12.0 255.255.255.0']);
    expect(result('get_route_to 10.0.12.0/24')).toEqual({
      '10.0.12.0/24': [
        expect.objectContaining({ protocol: 'connected', outgoing_interface: 'GigabitEthernet1', next_hop: '', routing_table: 'default' }),
      ],
    });
    expect(result('get_route_to 2.2.2.2')).toEqual({
      '2.2.2.2/32': [expect.objectContaining({ protocol: 'static', next_hop: '10.0.12.2', preference: 0 })],
    });
  });

  it('ping and traceroute with the options NAPALM adds', () => {
    expect(run('ping').commands).toEqual(['ping 10.0.12.2 timeout 2 size 100 repeat 5']);
    expect(result('ping')).toEqual({ success: expect.objectContaining({ probes_sent: 5, packet_loss: 0 }) });
    expect(run('traceroute').commands).toEqual(['traceroute 2.2.2.2 ttl 0 255 timeout 2']);
    const hops = result<{ success: Record<string, { probes: Record<string, { ip_address: string }> }> }>('traceroute').success;
    expect(Object.keys(hops)).toEqual(['1']);
    expect(hops['1']?.probes['1']?.ip_address).toBe('2.2.2.2');
  });

  it('cli returns each command’s answer', () => {
    const out = result<Record<string, string>>('cli');
    expect(out['show clock']).toMatch(/UTC/);
    expect(out['show version | include uptime']).toMatch(/^Router1 uptime is /);
  });
});
