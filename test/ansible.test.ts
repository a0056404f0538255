import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { DeviceSpec, LinkSpec } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { tempDir } from './support/test-config';
import { ROOT } from './support/spawn-process';

/**
 * The simulator against Debian's Ansible and its cisco.ios collection, driven the way IOS
 * playbooks are written: network_cli, `become: true` with `become_method: enable`. The
 * simulator runs in this process, so ansible-playbook runs asynchronously beside it.
 */
const PLAYBOOK = path.join(ROOT, 'test/ansible/playbook.yml');
// Decided while jest collects, before any simulator exists: the one synchronous call.
const hasAnsible =
  spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore', timeout: 20_000, env: { PATH: '/usr/bin:/bin' } }).status === 0;

const LOGIN = { username: 'admin', password: 'ansible-pass-123', enableSecret: 'ansible-enable-456' } as const;
const DEVICES: DeviceSpec[] = [
  { name: 'Router1', host: '127.0.0.1', port: 0, ...LOGIN, privilege: 15 },
  // Lands at `>`: become (enable) is what gets it to 15.
  {
    name: 'Router2',
    host: '127.0.0.1',
    port: 0,
    ...LOGIN,
    privilege: 1,
    interfaces: [
      { name: 'GigabitEthernet1', ip: '10.0.12.2/24' },
      { name: 'GigabitEthernet2', shutdown: true },
      { name: 'Loopback0', ip: '2.2.2.2/32' },
    ],
  },
];
const LINKS: LinkSpec[] = [
  { a: { device: 'Router1', interface: 'GigabitEthernet1' }, b: { device: 'Router2', interface: 'GigabitEthernet1' } },
];

type HostResult = Record<string, unknown> & { changed?: boolean; failed?: boolean; msg?: string };
interface JsonOutput {
  plays: Array<{ tasks: Array<{ task: { name: string }; hosts: Record<string, HostResult> }> }>;
}

/** Inventory in the temporary folder: the simulator's ports, credentials, network_cli with enable. */
function writeInventory(dir: string, sim: RunningSimulator): string {
  const hosts = Object.fromEntries(sim.devices.map((d) => [d.name, { ansible_host: d.host, ansible_port: d.sshPort }]));
  const inventory = {
    all: {
      children: { routers: { hosts } },
      vars: {
        ansible_connection: 'ansible.netcommon.network_cli',
        ansible_network_os: 'cisco.ios.ios',
        ansible_user: LOGIN.username,
        ansible_password: LOGIN.password,
        ansible_become: true,
        ansible_become_method: 'enable',
        ansible_become_password: LOGIN.enableSecret,
        ansible_python_interpreter: '/usr/bin/python3',
        backup_dir: path.join(dir, 'backup'),
      },
    },
  };
  const file = path.join(dir, 'inventory.json');
  fs.writeFileSync(file, JSON.stringify(inventory));
  return file;
}

/** Runs the playbook with everything Ansible writes kept in `dir`; returns results by task and host. */
async function runPlaybook(dir: string, inventory: string): Promise<Map<string, Record<string, HostResult>>> {
  const env = {
    PATH: '/usr/bin:/bin',
    HOME: dir,
    ANSIBLE_LOCAL_TEMP: path.join(dir, 'tmp'),
    ANSIBLE_REMOTE_TEMP: path.join(dir, 'tmp'),
    ANSIBLE_PERSISTENT_CONTROL_PATH_DIR: path.join(dir, 'pc'),
    ANSIBLE_HOST_KEY_CHECKING: 'False',
    ANSIBLE_PERSISTENT_COMMAND_TIMEOUT: '30',
    ANSIBLE_PERSISTENT_CONNECT_TIMEOUT: '30',
    ANSIBLE_STDOUT_CALLBACK: 'ansible.posix.json',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
  };
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)('ansible-playbook', ['-i', inventory, PLAYBOOK], {
      env,
      cwd: dir,
      // 37 tasks over two routers: about 3 minutes on a quiet machine, more on a busy one.
      timeout: 540_000,
      maxBuffer: 32 * 1024 * 1024,
    }));
  } catch (err) {
    const out = err as { message: string; stdout?: string; stderr?: string };
    throw new Error(`ansible-playbook failed: ${out.message}\n${(out.stdout ?? '').slice(-6000)}\n${out.stderr ?? ''}`);
  }
  const results = new Map<string, Record<string, HostResult>>();
  for (const play of (JSON.parse(stdout) as JsonOutput).plays) for (const t of play.tasks) results.set(t.task.name, t.hosts);
  return results;
}

const suite = hasAnsible
  ? describe
  : (name: string, fn: () => void): void => describe.skip(`${name} [skipped: ansible-playbook not found; apt-get install ansible]`, fn);

suite('Ansible (Debian ansible, cisco.ios with become: enable) against the simulator', () => {
  let dir: string;
  let sim: RunningSimulator;
  let results: Map<string, Record<string, HostResult>>;
  /** Each router's interfaces and addresses before the playbook, as ios_facts saw them. */
  const before = new Map<string, Array<{ name: string; ip?: { address: string; prefix: number } }>>();
  const result = (task: string, host: string): HostResult => {
    const r = results.get(task)?.[host];
    if (!r) throw new Error(`no result for ${task} on ${host}`);
    return r;
  };
  const facts = (host: string): Record<string, unknown> => result('facts', host).ansible_facts as Record<string, unknown>;

  beforeAll(async () => {
    dir = tempDir('hooklab-ansible-');
    sim = await startSimulator({
      devices: DEVICES,
      links: LINKS,
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logDir: dir,
    });
    for (const d of DEVICES)
      before.set(
        d.name,
        sim
          .state(d.name)
          .interfaces()
          .map((i) => ({ name: i.name, ...(i.ip && { ip: { ...i.ip } }) })),
      );
    results = await runPlaybook(dir, writeInventory(dir, sim));
  }, 560_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ran every task without a failure on either router', () => {
    for (const [task, hosts] of results)
      for (const [host, r] of Object.entries(hosts))
        expect({ task, host, failed: r.failed ?? false, msg: r.msg }).toEqual({ task, host, failed: false, msg: undefined });
  });

  it.each(['Router1', 'Router2'])(
    'ios_facts reads %s as the simulator holds it: hostname, version, serial, interfaces and addresses',
    (name) => {
      const state = sim.state(name);
      const f = facts(name);
      expect(f).toMatchObject({
        ansible_net_hostname: name,
        ansible_net_version: '17.09.04a',
        ansible_net_model: 'C8000V',
        ansible_net_serialnum: state.serial,
        ansible_net_iostype: 'IOS-XE',
      });
      const interfaces = f.ansible_net_interfaces as Record<
        string,
        { ipv4: Array<{ address: string; subnet: string }>; operstatus: string }
      >;
      const held = before.get(name) ?? [];
      expect(Object.keys(interfaces)).toEqual(held.map((i) => i.name));
      for (const i of held) expect(interfaces[i.name]?.ipv4).toEqual(i.ip ? [{ address: i.ip.address, subnet: String(i.ip.prefix) }] : []);
      expect(f.ansible_net_all_ipv4_addresses).toEqual(held.flatMap((i) => (i.ip ? [i.ip.address] : [])));
      expect(f.ansible_net_filesystems).toEqual(['bootflash:']);
      expect(f.ansible_net_memtotal_mb).toBeGreaterThan(1000);
    },
  );

  it('ios_facts gathers every network resource; interfaces and L3 addresses match the device', () => {
    const resources = facts('Router1').ansible_network_resources as Record<string, unknown>;
    expect(Object.keys(resources)).toEqual(
      expect.arrayContaining(['interfaces', 'l3_interfaces', 'hostname', 'lacp', 'static_routes', 'ntp_global']),
    );
    expect(resources.hostname).toEqual({ hostname: 'Router1' });
    expect(resources.l3_interfaces).toEqual(
      (before.get('Router1') ?? []).map((i) => ({ name: i.name, ...(i.ip && { ipv4: [{ address: `${i.ip.address}/${i.ip.prefix}` }] }) })),
    );
  });

  it("ios_facts finds each router as the other's CDP neighbour over their cable", () => {
    expect((facts('Router1').ansible_net_neighbors as Record<string, unknown>).GigabitEthernet1).toEqual([
      { host: 'Router2.lab.local', ip: '10.0.12.2', platform: 'cisco C8000V', port: 'GigabitEthernet1' },
    ]);
    expect(Object.keys(facts('Router2').ansible_net_neighbors as object)).toEqual(['GigabitEthernet1']);
  });

  it('with CDP off and LLDP on, ios_facts reads the same neighbour from LLDP instead', () => {
    expect(result('cdp off', 'Router1').changed).toBe(true);
    const after = result('facts after', 'Router1').ansible_facts as Record<string, unknown>;
    expect(after.ansible_net_neighbors).toEqual({ GigabitEthernet1: [{ host: 'Router2.lab.local', ip: '10.0.12.2', port: 'Gi1' }] });
    expect(sim.state('Router1').settings).toMatchObject({ cdp: false, lldp: true });
  });

  it('become: enable takes the privilege-1 account to 15, as show privilege reports', () => {
    for (const host of ['Router1', 'Router2'])
      expect((result('commands', host).stdout as string[])[0]).toBe('Current privilege level is 15');
    expect((result('commands', 'Router1').stdout as string[])[3]).toMatch(
      /^CPU utilization for five seconds: \d+%\/\d+%; one minute: \d+%; five minutes: \d+%$/,
    );
  });

  it('ios_config adds the lines, saves because the running-config was modified, keeps a backup, and is idempotent', () => {
    const state = sim.state('Router1');
    expect(result('config', 'Router1')).toMatchObject({
      changed: true,
      updates: ['ip route 10.99.0.0 255.255.0.0 10.0.12.2', 'ntp server 10.0.12.2'],
    });
    expect(state.settings.staticRoutes).toContainEqual({ network: '10.99.0.0', prefix: 16, nextHop: '10.0.12.2', distance: 1 });
    expect(state.settings.ntpServers).toEqual(['10.0.12.2']);
    expect(state.startupConfig).toContain('\nip route 10.99.0.0 255.255.0.0 10.0.12.2\n');
    const backup = String(result('config', 'Router1').backup_path);
    expect(fs.readFileSync(backup, 'utf8')).toContain('hostname Router1');
    expect(result('config again', 'Router1').changed).toBe(false);
  });

  it('the resource modules gather the interfaces and addresses the device has', () => {
    const state = sim.state('Router1');
    expect(result('interfaces gathered', 'Router1').gathered).toEqual(
      expect.arrayContaining([{ name: 'GigabitEthernet1', description: state.findInterface('Gi1')?.description, enabled: true }]),
    );
    expect(result('l3 interfaces gathered', 'Router1').gathered).toEqual(
      expect.arrayContaining([{ name: 'GigabitEthernet1', ipv4: [{ address: '10.0.12.1/24' }] }]),
    );
  });

  it('merged changes reach the device: read back through the control API', async () => {
    expect(result('interfaces merged', 'Router1')).toMatchObject({
      changed: true,
      commands: ['interface GigabitEthernet3', 'description Set by Ansible', 'shutdown'],
    });
    expect(result('l3 interfaces merged', 'Router1')).toMatchObject({
      changed: true,
      commands: ['interface GigabitEthernet3', 'ip address 192.168.10.1 255.255.255.0'],
    });
    const res = await fetch(`${sim.controlUrl}/devices/Router1/interfaces`);
    const body = (await res.json()) as { interfaces: Array<{ name: string }> };
    expect(body.interfaces.find((i) => i.name === 'GigabitEthernet3')).toEqual({
      name: 'GigabitEthernet3',
      ip: '192.168.10.1/24',
      description: 'Set by Ansible',
      status: 'administratively down',
      protocol: 'down',
      shutdown: true,
    });
  });

  describe('the resource modules Ansible users send (merged, replaced, overridden, gathered)', () => {
    it('ios_interfaces merged sets mtu 1400, and the same task again changes nothing', () => {
      expect(result('mtu merged', 'Router1')).toMatchObject({ changed: true, commands: ['interface GigabitEthernet3', 'mtu 1400'] });
      expect(result('mtu merged again', 'Router1').changed).toBe(false);
      expect(sim.state('Router1').findInterface('Gi3')?.mtu).toBe(1400);
    });

    it('ios_interfaces replaced sets what it is given on GigabitEthernet2; gathered reads both MTUs back', () => {
      expect(result('interfaces replaced', 'Router1')).toMatchObject({ changed: true });
      expect(sim.state('Router1').findInterface('Gi2')).toMatchObject({ description: 'Replaced by Ansible', mtu: 1450 });
      expect(result('interfaces gathered after', 'Router1').gathered).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'GigabitEthernet3', mtu: 1400 }),
          expect.objectContaining({ name: 'GigabitEthernet2', mtu: 1450, description: 'Replaced by Ansible' }),
        ]),
      );
    });

    it('ios_interfaces overridden resets the other interfaces of Router2 to its list', () => {
      expect(result('interfaces overridden', 'Router2').changed).toBe(true);
      expect(sim.state('Router2').findInterface('Gi1')).toMatchObject({ description: 'Overridden by Ansible', shutdown: false });
      expect(sim.state('Router2').findInterface('Gi2')?.shutdown).toBe(true);
    });

    it('ios_l3_interfaces merged, replaced (no ip address A M) and overridden move the address, then gathered reads it', () => {
      expect(result('l3 merged', 'Router2')).toMatchObject({ changed: true });
      expect(result('l3 replaced', 'Router2').commands).toEqual(
        expect.arrayContaining(['interface GigabitEthernet2', 'ip address 192.168.40.1 255.255.255.0']),
      );
      expect(result('l3 overridden', 'Router2').commands).toEqual([
        'interface GigabitEthernet2',
        'no ip address 192.168.40.1 255.255.255.0',
      ]);
      expect(sim.state('Router2').findInterface('Gi2')?.ip).toBeUndefined();
      expect(result('l3 gathered', 'Router2').gathered).toEqual([
        { name: 'GigabitEthernet1', ipv4: [{ address: '10.0.12.2/24' }] },
        { name: 'GigabitEthernet2' },
        { name: 'Loopback0', ipv4: [{ address: '2.2.2.2/32' }] },
      ]);
    });

    it('ios_static_routes merged a named route (idempotent), gathered reads the name; overridden and replaced on Router2', () => {
      expect(result('static routes merged', 'Router1')).toMatchObject({
        changed: true,
        commands: ['ip route 10.50.0.0 255.255.0.0 10.0.12.2 name to-lab'],
      });
      expect(result('static routes merged again', 'Router1').changed).toBe(false);
      expect(JSON.stringify(result('static routes gathered', 'Router1').gathered)).toContain('"name":"to-lab"');
      expect(result('static routes overridden', 'Router2').changed).toBe(true);
      expect(result('static routes replaced', 'Router2').changed).toBe(true);
      expect(sim.state('Router2').settings.staticRoutes).toEqual([
        { network: '0.0.0.0', prefix: 0, nextHop: '10.0.12.1', distance: 1, name: 'r1' },
      ]);
    });

    it('ios_user adds username x privilege 5 without a secret, once', () => {
      expect(result('user merged', 'Router1')).toMatchObject({ changed: true, commands: ['username x privilege 5'] });
      expect(result('user merged again', 'Router1').changed).toBe(false);
      expect(sim.state('Router1').settings.users.find((u) => u.name === 'x')).toMatchObject({ privilege: 5, secret: '' });
    });

    it('ios_logging_global merged (idempotent), gathered and replaced; overridden on Router2', () => {
      expect(result('logging merged', 'Router1')).toMatchObject({
        changed: true,
        commands: ['logging buffered 64000 informational'],
      });
      expect(result('logging merged again', 'Router1').changed).toBe(false);
      expect(result('logging gathered', 'Router1').gathered).toEqual({ buffered: { size: 64000, severity: 'informational' } });
      expect(result('logging replaced', 'Router1').changed).toBe(true);
      expect(sim.state('Router1').settings.loggingBuffered).toEqual({ size: 32000, level: 'warnings' });
      expect(result('logging overridden', 'Router2').changed).toBe(true);
      expect(sim.state('Router2').settings.loggingBuffered).toEqual({ size: 64000, level: 'informational' });
    });

    it('ios_ping sends ping ip … repeat N and reads the success rate, for a reachable and an unreachable address', () => {
      expect(result('ping', 'Router1')).toMatchObject({ commands: 'ping ip 10.0.12.2 repeat 3', packet_loss: '0%', packets_rx: 3 });
      expect(result('ping unreachable', 'Router1')).toMatchObject({ packet_loss: '100%', packets_tx: 2 });
    });
  });
});
