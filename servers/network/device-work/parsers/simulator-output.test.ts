import { DeviceState } from '../../../../simulator/device-state';
import { deviceSpec } from '../../../../test/support/sim-fixture';
import { renderShowVersion } from '../../../../simulator/render/show-version';
import { renderShowIpInterfaceBrief } from '../../../../simulator/render/show-ip-interface-brief';
import { renderShowInterfaces } from '../../../../simulator/render/show-interfaces';
import { renderShowLogging } from '../../../../simulator/render/show-logging';
import { renderRunningConfig, renderRunningConfigInterface } from '../../../../simulator/render/show-running-config';
import { parseShowVersion } from './parse-show-version';
import { parseShowIpInterfaceBrief } from './parse-show-ip-interface-brief';
import { parseShowInterfaces } from './parse-show-interfaces';
import { parseShowLogging } from './parse-show-logging';

/** The simulator's output must read like a device's to the lab's own parsers. */
describe('show output, read back by the network server parsers', () => {
  let clock = Date.UTC(2024, 2, 4, 10, 15, 2, 123);
  const state = new DeviceState(deviceSpec({ serial: '9ABCDEFGHIJ' }), { now: () => clock });
  const text = (lines: string[]): string => lines.join('\r\n');

  it('show version gives hostname, version, model, serial and a moving uptime', () => {
    clock += (2 * 3600 + 14 * 60) * 1000;
    expect(parseShowVersion(text(renderShowVersion(state)))).toMatchObject({
      hostname: 'Router1',
      version: '17.09.04a',
      model: 'C8000V',
      serial: '9ABCDEFGHIJ',
      uptime: '2 hours, 14 minutes',
      uptime_s: 8040,
      config_register: '0x2102',
      reload_reason: 'reload',
    });
  });

  it('show ip interface brief follows shutdown', () => {
    state.setShutdown('Gi1', true, 'admin');
    const rows = parseShowIpInterfaceBrief(text(renderShowIpInterfaceBrief(state)));
    expect(rows[0]).toEqual({
      name: 'GigabitEthernet1',
      ip: '10.0.12.1',
      ok: true,
      method: 'NVRAM',
      status: 'administratively down',
      protocol: 'down',
    });
    expect(rows.map((r) => r.name)).toEqual(['GigabitEthernet1', 'GigabitEthernet2', 'GigabitEthernet3', 'Loopback0']);
    expect(renderShowIpInterfaceBrief(state)[0]).toBe('Interface              IP-Address      OK? Method Status                Protocol');
  });

  it('show interfaces has the header, address and counters that move while up', () => {
    const before = parseShowInterfaces(text(renderShowInterfaces(state)));
    clock += 60_000;
    const after = parseShowInterfaces(text(renderShowInterfaces(state)));
    expect(before.map((i) => i.name)).toEqual(['GigabitEthernet1', 'GigabitEthernet2', 'GigabitEthernet3', 'Loopback0']);
    expect(after[0]).toMatchObject({
      status: 'administratively down',
      protocol: 'down',
      ip: '10.0.12.1/24',
      mtu: 1500,
      description: 'Uplink to WAN',
    });
    expect(after[0]!.counters).toEqual(before[0]!.counters);
    expect(JSON.stringify(after[1]!.counters)).not.toEqual(JSON.stringify(before[1]!.counters));
    expect(renderShowInterfaces(state)[0]).toBe('GigabitEthernet1 is administratively down, line protocol is down ');
  });

  it('show logging holds the LINK and LINEPROTO messages of the shutdown', () => {
    const entries = parseShowLogging(text(renderShowLogging(state)));
    expect(entries.map((e) => `${e.facility}-${e.severity}-${e.mnemonic}`)).toEqual(
      expect.arrayContaining(['SYS-5-RESTART', 'LINK-5-CHANGED', 'LINEPROTO-5-UPDOWN']),
    );
    expect(entries.find((e) => e.mnemonic === 'CHANGED')?.line).toBe(
      '*Mar  4 12:29:02.123: %LINK-5-CHANGED: Interface GigabitEthernet1, changed state to administratively down',
    );
  });

  it('show running-config counts its bytes and carries the change', () => {
    const lines = renderRunningConfig(state);
    const bytes = Number(/Current configuration : (\d+) bytes/.exec(lines.join('\n'))?.[1]);
    expect(bytes).toBe(Buffer.byteLength(`${lines.slice(3, -1).join('\n')}\n`));
    expect(lines).toContain('! Last configuration change at 12:29:02 UTC Mon Mar 4 2024 by admin');
    expect(lines.join('\n')).toContain(
      'interface GigabitEthernet1\n description Uplink to WAN\n ip address 10.0.12.1 255.255.255.0\n shutdown\n negotiation auto\n!',
    );
    expect(lines.join('\n')).not.toMatch(/cisco/);
    expect(renderRunningConfigInterface(state.findInterface('lo0')!)).toEqual([
      'Building configuration...',
      '',
      'Current configuration : 85 bytes',
      '!',
      'interface Loopback0',
      ' description Router ID',
      ' ip address 1.1.1.1 255.255.255.255',
      'end',
      '',
    ]);
  });
});
