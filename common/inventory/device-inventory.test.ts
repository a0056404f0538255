import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadDeviceInventory, loadInventoryLinks } from './device-inventory';

const DEFAULTS = { name: 'Router1', host: '127.0.0.1', port: 2222, username: 'admin', password: 'cisco', enableSecret: 'en-secret' };

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function inventoryFile(content: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hooklab-inv-'));
  dirs.push(dir);
  const file = path.join(dir, 'inventory.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('loadDeviceInventory', () => {
  it('gives the default device alone without a file', () => {
    expect(loadDeviceInventory(DEFAULTS, undefined, {})).toEqual([{ ...DEFAULTS, privilege: 15 }]);
  });

  it('reads the example inventory, credentials from the named env vars', () => {
    const example = path.join(__dirname, '../../simulator/inventory.example.json');
    const devices = loadDeviceInventory(DEFAULTS, example, { ROUTER2_PASSWORD: 'r2-pass', ROUTER2_ENABLE_SECRET: 'r2-enable' });
    expect(devices.map((d) => [d.name, d.port, d.privilege])).toEqual([
      ['Router1', 2222, 15],
      ['Router2', 2223, 1],
      ['Router3', 2224, 15],
    ]);
    expect(devices[1]).toMatchObject({ username: 'admin', password: 'r2-pass', enableSecret: 'r2-enable', version: '17.12.02' });
    expect(devices[2]).toMatchObject({ password: 'cisco', enableSecret: 'en-secret', model: 'CSR1000V' });
    expect(devices[2]?.interfaces?.[3]).toEqual({ name: 'Loopback0', ip: '3.3.3.3/32', description: 'Router ID' });
  });

  it('reads the cables of the example lab, which the device list ignores', () => {
    const example = path.join(__dirname, '../../simulator/inventory.example.json');
    expect(loadInventoryLinks(example)).toEqual([
      { a: { device: 'Router1', interface: 'GigabitEthernet1' }, b: { device: 'Router2', interface: 'GigabitEthernet1' } },
      { a: { device: 'Router1', interface: 'GigabitEthernet2' }, b: { device: 'Router3', interface: 'GigabitEthernet1' } },
      { a: { device: 'Router2', interface: 'GigabitEthernet2' }, b: { device: 'Router3', interface: 'GigabitEthernet2' } },
    ]);
    expect(loadInventoryLinks(undefined)).toEqual([]);
  });

  it('lets an inventory entry with the default name replace the default device', () => {
    const file = inventoryFile({ devices: [{ name: 'router1', port: 3000, privilege: 1 }] });
    const devices = loadDeviceInventory(DEFAULTS, file, {});
    expect(devices).toHaveLength(1);
    expect(devices[0]).toMatchObject({ name: 'router1', port: 3000, privilege: 1, host: '127.0.0.1' });
  });

  it.each([
    [{ devices: [{ name: 'ThisNameIsTooLong17', port: 1 }] }, /devices\[0\]\.name/],
    [{ devices: [{ name: 'bad_name', port: 1 }] }, /devices\[0\]\.name/],
    [{ devices: [{ name: 'R2', port: 70000 }] }, /devices\[0\]\.port/],
    [{ devices: [{ name: 'R2', port: 1, password: 'inline' }] }, /"devices\[0\]\.password" is not allowed/],
    [{ devices: [{ name: 'R2', port: 1, interfaces: [{ name: 'Gi1', ip: '10.0.0.300/24' }] }] }, /interfaces\[0\]\.ip/],
    [
      {
        devices: [
          { name: 'R2', port: 1 },
          { name: 'R2', port: 2 },
        ],
      },
      /duplicate/,
    ],
    [{ routers: [] }, /"devices" is required/],
    [
      { devices: [], links: [{ a: { device: 'R1', interface: 'Gi 1' }, b: { device: 'R2', interface: 'GigabitEthernet1' } }] },
      /links\[0\]\.a\.interface/,
    ],
    [{ devices: [], links: [{ a: { device: 'R1', interface: 'GigabitEthernet1' } }] }, /links\[0\]\.b" is required/],
    ['{ not json', /cannot read JSON/],
  ])('refuses a bad file, naming the file and field (%#)', (content, message) => {
    const file = inventoryFile(content);
    expect(() => loadDeviceInventory(DEFAULTS, file, {})).toThrow(message);
    expect(() => loadDeviceInventory(DEFAULTS, file, {})).toThrow(file);
  });

  it('names an env var that a device needs but is not set', () => {
    const file = inventoryFile({ devices: [{ name: 'R2', port: 1, password_env: 'R2_PASSWORD' }] });
    expect(() => loadDeviceInventory(DEFAULTS, file, {})).toThrow(/R2_PASSWORD is not set/);
  });

  describe("a device's own webhook secret", () => {
    it('comes from DEVICE_WEBHOOK_SECRET for the default device, and from webhook_secret_env for others', () => {
      const file = inventoryFile({
        devices: [
          { name: 'R2', port: 1, webhook_secret_env: 'R2_WEBHOOK_SECRET' },
          { name: 'R3', port: 2 },
        ],
      });
      const devices = loadDeviceInventory(DEFAULTS, file, {
        DEVICE_WEBHOOK_SECRET: 'router1-own-secret',
        R2_WEBHOOK_SECRET: 'whsec_cjItb3duLXNlY3JldA==',
      });
      expect(devices.map((d) => d.webhookSecret)).toEqual(['router1-own-secret', 'whsec_cjItb3duLXNlY3JldA==', undefined]);
    });

    it.each([
      [{ R2_WEBHOOK_SECRET: 'short' }, /R2_WEBHOOK_SECRET must give a key of at least 8 bytes/],
      [{ R2_WEBHOOK_SECRET: 'whsec_!!!!!!!!!!' }, /R2_WEBHOOK_SECRET must give a key of at least 8 bytes/],
      [{}, /R2_WEBHOOK_SECRET is not set/],
      [
        { R2_WEBHOOK_SECRET: 'the-shared-secret', WEBHOOK_SECRET: 'old-one,the-shared-secret' },
        /R2's own webhook secret must differ from WEBHOOK_SECRET/,
      ],
      [{ R2_WEBHOOK_SECRET: 'same-for-both', DEVICE_WEBHOOK_SECRET: 'same-for-both' }, /Router1 and R2 must not share a webhook secret/],
    ])('is refused when it proves nothing (%#), naming the variable, never the value', (env, message) => {
      const file = inventoryFile({ devices: [{ name: 'R2', port: 1, webhook_secret_env: 'R2_WEBHOOK_SECRET' }] });
      let error: Error | undefined;
      try {
        loadDeviceInventory(DEFAULTS, file, env);
      } catch (err) {
        error = err as Error;
      }
      expect(error?.message).toMatch(message);
      for (const value of Object.values(env)) expect(error?.message).not.toContain(value);
    });
  });

  it('names a missing file', () => {
    expect(() => loadDeviceInventory(DEFAULTS, '/nonexistent/inv.json', {})).toThrow(/DEVICE_INVENTORY \/nonexistent\/inv\.json/);
  });
});
