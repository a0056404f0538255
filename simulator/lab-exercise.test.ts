import type { DeviceState } from './device-state';
import { exampleLab, inProcessCli } from '../test/support/sim-fixture';

/** A device's CLI in-process: each line's output, as the user would read it. */
const cli = (state: DeviceState): ((line: string) => string[]) => inProcessCli(state).run;

/** INSTRUCTIONS, "Optional — a three-router lab": every step does what the text says. */
describe('the three-router lab of simulator/inventory.example.json', () => {
  const { routers, network: net } = exampleLab();
  const [r1, r2, r3] = routers as [DeviceState, DeviceState, DeviceState];
  const [on1, on2, on3] = [cli(r1), cli(r2), cli(r3)];
  const configure = (run: (line: string) => string[], line: string): void => ['configure terminal', line, 'end'].forEach((l) => run(l));
  const pingOk = (run: (line: string) => string[], target: string): boolean => run(`ping ${target}`).includes('!!!!!');
  afterAll(() => net.close());

  it('step 1: each cable has a CDP neighbour at its far end; 2.2.2.2 has no route yet', () => {
    expect(on1('show cdp neighbors').filter((l) => l.endsWith('.lab.local'))).toEqual(['Router2.lab.local', 'Router3.lab.local']);
    expect(on1('show ip arp').map((l) => l.split(/\s+/)[1])).toContain('10.0.12.2');
    expect(pingOk(on1, '10.0.12.2')).toBe(true);
    expect(pingOk(on1, '2.2.2.2')).toBe(false);
  });

  it('step 2: a static route to 2.2.2.2 makes the ping work', () => {
    configure(on1, 'ip route 2.2.2.2 255.255.255.255 10.0.12.2');
    expect(pingOk(on1, '2.2.2.2')).toBe(true);
  });

  it('step 3: the floating route through Router3 stays out of the table while the first works', () => {
    configure(on1, 'ip route 2.2.2.2 255.255.255.255 10.0.13.3 10');
    configure(on3, 'ip route 2.2.2.2 255.255.255.255 10.0.23.2');
    configure(on2, 'ip route 10.0.13.0 255.255.255.0 10.0.23.3');
    expect(on1('show ip route static | include 2.2.2.2')).toEqual(['S        2.2.2.2 [1/0] via 10.0.12.2']);
  });

  it('step 4: shutting Router2 Gi1 takes Router1 Gi1 down too, and the floating route takes over', () => {
    r2.setShutdown('Gi1', true, 'control');
    expect(r1.logging.lines().at(-1)).toMatch(/%LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet1, changed state to down$/);
    expect(on1('show cdp neighbors').filter((l) => l.endsWith('.lab.local'))).toEqual(['Router3.lab.local']);
    expect(on1('show ip route static | include 2.2.2.2')).toEqual(['S        2.2.2.2 [10/0] via 10.0.13.3']);
    expect(on1('traceroute 2.2.2.2').slice(3)).toEqual(['  1 10.0.13.3 1 msec 1 msec 2 msec', '  2 2.2.2.2 2 msec 2 msec 3 msec']);
  });
});
