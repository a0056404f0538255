import { inProcessCli } from '../../test/support/sim-fixture';
import { MAX_INTERFACES } from './config-commands';

/** The red team created 20,000 loopbacks; a real IOS device runs out of interface descriptors first. */
describe('creating interfaces past the device limit', () => {
  const { cli, writes, state } = inProcessCli();

  it("stops at the limit with IOS's answer, for 20,000 attempts", () => {
    const before = state.interfaces().length;
    cli.receive('configure terminal\r');
    for (let n = 1; n <= 20_000; n += 1) cli.receive(`interface Loopback${n}\r`);
    expect(state.interfaces()).toHaveLength(MAX_INTERFACES);
    expect(state.findInterface(`Loopback${MAX_INTERFACES - before}`)).toBeDefined();
    expect(state.findInterface(`Loopback${MAX_INTERFACES - before + 1}`)).toBeUndefined();
    expect(writes.at(-1)).toBe(
      'interface Loopback20000\r\n%Cannot create a Loopback interface\r\nMaximum allowed interfaces reached\r\nRouter1(config)#',
    );
    expect(state.logging.lines().at(-1)).toMatch(/%INTERFACE_API-1-NOMORESWIDB: No more SWIDB can be allocated, maximum allowed 1000$/);
  });

  it('still enters an existing interface, and creates again once one is removed', () => {
    cli.receive('interface Loopback1\r');
    expect(writes.at(-1)).toMatch(/Router1\(config-if\)#$/);
    cli.receive('no interface Loopback1\r');
    cli.receive('interface Vlan10\r');
    expect(writes.at(-1)).toMatch(/Router1\(config-if\)#$/);
    cli.receive('interface Vlan11\r');
    expect(writes.at(-1)).toContain('%Cannot create a VLAN interface');
  });
});
