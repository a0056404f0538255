import fs from 'node:fs';
import path from 'node:path';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { loadDeviceInventory, loadInventoryLinks } from '../common/inventory/device-inventory';
import { startSimulator, type RunningSimulator } from '../simulator/start-simulator';
import { tempDir } from './support/test-config';
import { ROOT } from './support/spawn-process';

/**
 * The three-router example (simulator/inventory.example.json, INSTRUCTIONS "Optional — a
 * three-router lab") read the way NAPALM reads it: test/napalm/napalm_ios_sequences.py (NAPALM's
 * ios getter sequences and parsing, napalm commit ee70e63) against each router in turn. What one
 * router reports of its neighbours must agree with what the neighbour reports of itself.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(ROOT, 'test/napalm/napalm_ios_sequences.py');
const INVENTORY = path.join(ROOT, 'simulator/inventory.example.json');
const hasNetmiko = spawnSync(PYTHON, ['-c', 'import netmiko'], { stdio: 'ignore', timeout: 20_000 }).status === 0;

const LOGIN = { username: 'admin', password: 'three-pass-123', enableSecret: 'three-enable-456' } as const;
/** The lab exercise's static routes: each router reaches the other two loopbacks over the direct cable. */
const ROUTES: Record<string, Array<[string, string]>> = {
  Router1: [
    ['2.2.2.2', '10.0.12.2'],
    ['3.3.3.3', '10.0.13.3'],
  ],
  Router2: [
    ['1.1.1.1', '10.0.12.1'],
    ['3.3.3.3', '10.0.23.3'],
  ],
  Router3: [
    ['1.1.1.1', '10.0.13.1'],
    ['2.2.2.2', '10.0.23.2'],
  ],
};
const LOOPBACK: Record<string, string> = { Router1: '1.1.1.1', Router2: '2.2.2.2', Router3: '3.3.3.3' };

type Lldp = Record<string, Array<{ hostname: string; port: string }>>;
type Interfaces = Record<string, { mac_address: string; is_enabled: boolean }>;
type InterfacesIp = Record<string, { ipv4?: Record<string, { prefix_length: number }> }>;
type Arp = Array<{ ip: string; mac: string; interface: string }>;
interface Report {
  facts: { hostname: string; fqdn: string; model: string };
  lldp: Lldp;
  interfaces: Interfaces;
  interfacesIp: InterfacesIp;
  arp: Arp;
  routes: Record<string, Array<{ next_hop: string; protocol: string }>>;
  ping: { success?: { packet_loss: number } };
  trace: { success?: Record<string, { probes: Record<string, { ip_address: string }> }> };
}

/** `GigabitEthernet1` → `Gi1`, as LLDP's Port id shows it. */
const short = (name: string): string => name.replace(/^GigabitEthernet/, 'Gi');

const suite = hasNetmiko
  ? describe
  : (name: string, fn: () => void): void =>
      describe.skip(`${name} [skipped: ${PYTHON} cannot import netmiko; apt-get install python3-netmiko]`, fn);

suite('the three-router example, as NAPALM reads each router', () => {
  let dir: string;
  let sim: RunningSimulator;
  const reports = new Map<string, Report>();
  const report = (name: string): Report => {
    const r = reports.get(name);
    if (!r) throw new Error(`no report for ${name}`);
    return r;
  };

  beforeAll(async () => {
    dir = tempDir('hooklab-napalm3-');
    const env = { ROUTER2_PASSWORD: LOGIN.password, ROUTER2_ENABLE_SECRET: LOGIN.enableSecret };
    const specs = loadDeviceInventory({ name: 'Router1', host: '127.0.0.1', port: 0, ...LOGIN }, INVENTORY, env).map((s) => ({
      ...s,
      ...LOGIN,
      port: 0,
    }));
    sim = await startSimulator({
      devices: specs,
      links: loadInventoryLinks(INVENTORY),
      sshPort: 0,
      controlPort: 0,
      hostKeyDir: path.join(dir, 'keys'),
      logToConsole: false,
      logDir: dir,
    });
    for (const [name, routes] of Object.entries(ROUTES))
      sim.state(name).configure('setup', (c) => {
        c.lldp = true;
        c.staticRoutes = routes.map(([network, nextHop]) => ({ network, prefix: 32, nextHop, distance: 1 }));
      });
    const run = promisify(execFile);
    for (const device of sim.devices) {
      const others = Object.keys(LOOPBACK).filter((n) => n !== device.name);
      const target = LOOPBACK[others[0]!]!;
      const args = [SCRIPT, '--port', String(device.sshPort), '--ping', target, '--traceroute', target];
      for (const other of others) args.push('--route-to', LOOPBACK[other]!);
      const scriptEnv = { PATH: '/usr/bin:/bin', HOME: dir, DEVICE_PASSWORD: LOGIN.password, DEVICE_ENABLE_SECRET: LOGIN.enableSecret };
      const { stdout } = await run(PYTHON, args, { env: scriptEnv, timeout: 120_000 });
      const out = JSON.parse(stdout) as Record<string, { result: unknown; error?: string }>;
      const errors = Object.entries(out).filter(([, r]) => r.error);
      if (errors.length > 0) throw new Error(`${device.name}: ${JSON.stringify(errors)}`);
      const get = <T>(getter: string): T => out[getter]?.result as T;
      reports.set(device.name, {
        facts: get('get_facts'),
        lldp: get('get_lldp_neighbors'),
        interfaces: get('get_interfaces'),
        interfacesIp: get('get_interfaces_ip'),
        arp: get('get_arp_table'),
        routes: Object.fromEntries(others.map((o) => [o, get<Report['routes']>(`get_route_to ${LOOPBACK[o]}`)[`${LOOPBACK[o]}/32`] ?? []])),
        ping: get('ping'),
        trace: get('traceroute'),
      });
    }
  }, 300_000);

  afterAll(async () => {
    await sim?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('each router names itself with the FQDN of show hosts and its own model', () => {
    expect(['Router1', 'Router2', 'Router3'].map((n) => [report(n).facts.fqdn, report(n).facts.model])).toEqual([
      ['Router1.lab.local', 'C8000V'],
      ['Router2.lab.local', 'C8000V'],
      ['Router3.lab.local', 'CSR1000V'],
    ]);
  });

  it('every LLDP neighbour sees this router back, on the port it was seen on', () => {
    for (const [name, r] of reports)
      for (const [local, neighbours] of Object.entries(r.lldp))
        for (const n of neighbours) {
          const far = n.hostname.replace(/\.lab\.local$/, '');
          const back = report(far).lldp[n.port.replace(/^Gi/, 'GigabitEthernet')] ?? [];
          expect({ from: `${name} ${local}`, back }).toEqual({
            from: `${name} ${local}`,
            back: [{ hostname: `${name}.lab.local`, port: short(local) }],
          });
        }
    expect(Object.keys(report('Router1').lldp).sort()).toEqual(['GigabitEthernet1', 'GigabitEthernet2']);
  });

  it("every ARP entry for a neighbour's address carries the MAC that neighbour reports for its interface", () => {
    let compared = 0;
    for (const [name, r] of reports)
      for (const entry of r.arp) {
        const owner = [...reports].find(([, o]) => Object.values(o.interfacesIp).some((i) => entry.ip in (i.ipv4 ?? {})));
        if (!owner || owner[0] === name) continue;
        const [ownerName, o] = owner;
        const iface = Object.keys(o.interfacesIp).find((i) => entry.ip in (o.interfacesIp[i]?.ipv4 ?? {}))!;
        expect({ on: name, ip: entry.ip, mac: entry.mac }).toEqual({ on: name, ip: entry.ip, mac: o.interfaces[iface]?.mac_address });
        expect(ownerName).not.toBe(name);
        compared += 1;
      }
    // Three cables, two ends each.
    expect(compared).toBe(6);
  });

  it("get_route_to each other loopback: a static route via the neighbour's address on the shared cable", () => {
    for (const [name, r] of reports)
      for (const [other, routes] of Object.entries(r.routes)) {
        const [hop] = ROUTES[name]!.filter(([network]) => network === LOOPBACK[other]).map(([, nextHop]) => nextHop);
        expect({ name, other, routes }).toEqual({ name, other, routes: [expect.objectContaining({ protocol: 'static', next_hop: hop })] });
        const owner = [...reports].find(([, o]) => Object.values(o.interfacesIp).some((i) => hop! in (i.ipv4 ?? {})));
        expect(owner?.[0]).toBe(other);
      }
  });

  it('ping and traceroute to a neighbouring loopback succeed in one hop, on every router', () => {
    for (const [name, r] of reports) {
      expect({ name, loss: r.ping.success?.packet_loss }).toEqual({ name, loss: 0 });
      const hops = r.trace.success ?? {};
      expect({ name, hops: Object.keys(hops) }).toEqual({ name, hops: ['1'] });
    }
  });

  it("Router2's shut GigabitEthernet3 is disabled in get_interfaces and absent from get_interfaces_ip", () => {
    expect(report('Router2').interfaces.GigabitEthernet3?.is_enabled).toBe(false);
    expect(report('Router2').interfacesIp.GigabitEthernet3).toBeUndefined();
  });
});
