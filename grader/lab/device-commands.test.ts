import { isConfiguration, looksAt } from './device-commands';

describe("step 6: what the commands after the router's webhook say", () => {
  it.each([
    'show interfaces GigabitEthernet2',
    'show interfaces Gi2',
    'sh int gi 2',
    'show interfaces GigabitEthernet 2 status',
    'show ip interface brief | include Gi2',
    'show ip interface brief | include GigabitEthernet2',
    'show running-config interface Gi2',
    'show ip interface brief',
    'sh ip int br',
    'show interfaces',
    'show running-config',
  ])('%s looks at GigabitEthernet2', (command) => {
    expect(looksAt(command, 'GigabitEthernet2')).toBe(true);
  });

  it.each([
    'show clock',
    'show version',
    'terminal length 0',
    'show interfaces GigabitEthernet1',
    'show ip interface brief | include Gi1',
    'show ip interface brief | include Loopback',
    'interface GigabitEthernet2',
    'no shutdown',
    'ping GigabitEthernet2',
    's',
  ])('%s does not look at GigabitEthernet2', (command) => {
    expect(looksAt(command, 'GigabitEthernet2')).toBe(false);
  });

  it.each([
    'configure terminal',
    'conf t',
    'config t',
    'configure',
    'copy tftp://10.0.0.9/fix.cfg running-config',
    'copy flash:x system:running-config',
  ])('%s changes the configuration', (command) => {
    expect(isConfiguration(command)).toBe(true);
  });

  it.each(['show running-config', 'show interfaces Gi2', 'terminal length 0', 'copy running-config startup-config', 'con', 'enable'])(
    '%s does not change the configuration',
    (command) => {
      expect(isConfiguration(command)).toBe(false);
    },
  );
});
